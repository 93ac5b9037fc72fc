using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CompositeIndex.Serialization;
using CompositeIndex.Sensitivity.Sobol;

namespace CompositeIndex.Sensitivity;

/// <summary>Saving and reading accumulators ("parts" of a distributed analysis).</summary>
public sealed partial class SensitivityAccumulator
{
    /// <summary>The format version written by <see cref="WriteTo(Stream)"/>; <see cref="ReadFrom(Stream, string?)"/> reads this version.</summary>
    public const int FormatVersion = 1;

    private const int HashLength = 32;

    private static ReadOnlySpan<byte> Magic => "CISENSPART"u8;

    /// <summary>
    /// Writes the accumulator (a "part"): a header with the format version, the analysis (as JSON), the fingerprints of
    /// the index definition, the data, the configuration and the design, the units, periods, factor names and outputs,
    /// the shard, the failed runs with their factor levels and errors; then the nominal ranks and scores and every
    /// count and output as little-endian arrays; then a SHA-256 checksum of everything before it.
    /// </summary>
    /// <remarks>
    /// Layout: <c>"CISENSPART"</c>, int32 format version, int32 header length, the UTF-8 JSON header, the arrays (nominal
    /// ranks and scores, rank histogram, missing counts, absolute shifts, outputs, done flags, and the per-run table when
    /// kept), 32 bytes of SHA-256. Doubles are written as their IEEE-754 bits, so a part read back is bit-identical.
    /// </remarks>
    /// <param name="stream">The destination.</param>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = Header();
        Span<byte> ints = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(ints, FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(ints[4..], header.Length);
        Write(stream, hash, Magic);
        Write(stream, hash, ints);
        Write(stream, hash, header);
        WriteArray<int>(stream, hash, Frame.NominalRanks);
        WriteArray<double>(stream, hash, Frame.NominalScores);
        WriteArray<int>(stream, hash, Histogram);
        WriteArray<int>(stream, hash, Missing);
        WriteArray<long>(stream, hash, AbsShift);
        WriteArray<double>(stream, hash, Outputs);
        WriteArray<bool>(stream, hash, Done);
        if (RepScores is not null)
        {
            WriteArray<double>(stream, hash, RepScores);
            WriteArray<int>(stream, hash, RepRanks!);
            WriteArray<double>(stream, hash, RepFactors!);
        }

        stream.Write(hash.GetHashAndReset());
        stream.Flush();
    }

    /// <summary>Reads an accumulator written by <see cref="WriteTo(Stream)"/>, checking its checksum and format version.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="source">A name for messages (e.g. the file name); <see langword="null"/> for none.</param>
    /// <returns>The accumulator, with its analysis, shard and <see cref="Source"/>.</returns>
    /// <exception cref="IndexDataException">The content is not a part, was altered or truncated (checksum), has another format
    /// version, or is inconsistent (sizes, design); the message names <paramref name="source"/>.</exception>
    public static SensitivityAccumulator ReadFrom(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var name = source ?? "the part";
        byte[] bytes;
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }

        if (bytes.Length < Magic.Length + 8 + HashLength || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new IndexDataException($"{name} is not a sensitivity part (written by 'compindex sensitivity --shard' or SensitivityAccumulator.WriteTo).", source);
        }

        var content = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(content), bytes.AsSpan(bytes.Length - HashLength)))
        {
            throw new IndexDataException($"{name}: the SHA-256 checksum does not match the content; the part was altered or truncated.", source);
        }

        var version = BinaryPrimitives.ReadInt32LittleEndian(content[Magic.Length..]);
        if (version != FormatVersion)
        {
            throw new IndexDataException(string.Create(CultureInfo.InvariantCulture, $"{name} has format version {version}; this library reads version {FormatVersion}."), source);
        }

        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(content[(Magic.Length + 4)..]);
        var offset = Magic.Length + 8;
        if (headerLength < 2 || headerLength > content.Length - offset)
        {
            throw new IndexDataException($"{name}: the header length is out of range.", source);
        }

        try
        {
            using var doc = JsonDocument.Parse(bytes.AsMemory(offset, headerLength));
            offset += headerLength;
            var (frame, shard, shardCount, keepsReplicates, failures) = ParseHeader(doc.RootElement, name, source);
            var u = frame.Units.Length;
            var p = frame.Periods.Length;
            Limits.CheckCells("The sensitivity rank histogram", (p, "periods"), (u, "units"), (u, "ranks"));
            Limits.CheckCells("The sensitivity outputs", (frame.Outputs.Length, "outputs"), (frame.RunCount, "runs"));
            if (keepsReplicates)
            {
                Limits.CheckCells("The table of replicates", (frame.RunCount, "runs"), (p, "periods"), (u, "units"));
            }

            long expected = (4L * p * u) + (8L * p * u) + (4L * p * u * u) + (4L * p * u) + (8L * p * u) + (8L * frame.Outputs.Length * frame.RunCount) + frame.RunCount
                + (keepsReplicates ? (12L * frame.RunCount * p * u) + (8L * frame.RunCount * frame.FactorCount) : 0);
            if (content.Length - offset != expected)
            {
                throw new IndexDataException(string.Create(CultureInfo.InvariantCulture, $"{name}: the arrays have {content.Length - offset} bytes; the header describes {expected}."), source);
            }

            var nominalRanks = ReadArray<int>(content, ref offset, p * u);
            var nominalScores = ReadArray<double>(content, ref offset, p * u);
            frame = new SensitivityFrame
            {
                Analysis = frame.Analysis,
                IndexId = frame.IndexId,
                NodeId = frame.NodeId,
                DefinitionFingerprint = frame.DefinitionFingerprint,
                DataFingerprint = frame.DataFingerprint,
                Fingerprint = frame.Fingerprint,
                Units = frame.Units,
                UnitNames = frame.UnitNames,
                Periods = frame.Periods,
                FactorNames = frame.FactorNames,
                Outputs = frame.Outputs,
                RunCount = frame.RunCount,
                Design = frame.Design,
                NominalRanks = nominalRanks,
                NominalScores = nominalScores,
            };
            var acc = new SensitivityAccumulator(frame, keepsReplicates) { Shard = shard, ShardCount = shardCount, Source = source };
            ReadArray<int>(content, ref offset, acc.Histogram);
            ReadArray<int>(content, ref offset, acc.Missing);
            ReadArray<long>(content, ref offset, acc.AbsShift);
            ReadArray<double>(content, ref offset, acc.Outputs);
            ReadArray<bool>(content, ref offset, acc.Done);
            if (keepsReplicates)
            {
                ReadArray<double>(content, ref offset, acc.RepScores!);
                ReadArray<int>(content, ref offset, acc.RepRanks!);
                ReadArray<double>(content, ref offset, acc.RepFactors!);
            }

            foreach (var f in failures)
            {
                if (f.Run < 0 || f.Run >= frame.RunCount || !acc.Done[f.Run])
                {
                    throw new IndexDataException(string.Create(CultureInfo.InvariantCulture, $"{name}: failed run {f.Run} is not a recorded run of the part."), source);
                }

                acc.Failures[f.Run] = f;
            }

            return acc;
        }
        catch (JsonException ex)
        {
            throw new IndexDataException($"{name}: the header is not valid: {ex.Message}", source, inner: ex);
        }
        catch (KeyNotFoundException ex)
        {
            throw new IndexDataException($"{name}: the header lacks a property: {ex.Message}", source, inner: ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new IndexDataException($"{name}: the header has a value of the wrong type: {ex.Message}", source, inner: ex);
        }
        catch (FormatException ex)
        {
            throw new IndexDataException($"{name}: the header has a malformed value: {ex.Message}", source, inner: ex);
        }
    }

    /// <summary>The header of a part as JSON: what identifies the analysis, then the failures.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    private byte[] Header()
    {
        var options = IndexDefinitionSerializer.Default.Options;
        var frame = Frame;
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("format", "compositeindex-sensitivity-part");
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteString("libraryVersion", IndexDefinitionJson.LibraryVersion);
            w.WriteString("index", frame.IndexId);
            w.WriteString("node", frame.NodeId);
            w.WriteString("definitionFingerprint", frame.DefinitionFingerprint);
            w.WriteString("dataFingerprint", frame.DataFingerprint);
            w.WriteString("fingerprint", frame.Fingerprint);
            w.WriteString("designFingerprint", frame.Design?.Fingerprint);
            w.WriteNumber("runs", frame.RunCount);
            if (Shard is { } shard && ShardCount is { } count)
            {
                w.WriteNumber("shard", shard);
                w.WriteNumber("shardCount", count);
            }

            w.WriteBoolean("keepsReplicates", KeepsReplicates);
            w.WritePropertyName("analysis");
            JsonSerializer.Serialize(w, frame.Analysis, options);
            w.WritePropertyName("outputs");
            JsonSerializer.Serialize(w, frame.Outputs, options);
            Strings(w, "units", frame.Units);
            Strings(w, "unitNames", frame.UnitNames);
            Strings(w, "periods", frame.Periods);
            Strings(w, "factors", frame.FactorNames);
            w.WriteStartArray("failedRuns");
            foreach (var f in Failures)
            {
                if (f is null)
                {
                    continue;
                }

                w.WriteStartObject();
                w.WriteNumber("run", f.Run);
                w.WriteString("block", f.Block);
                w.WriteString("error", f.Error);
                w.WriteStartArray("levels");
                foreach (var l in f.Levels)
                {
                    w.WriteStartObject();
                    w.WriteString("factor", l.Factor);
                    if (l.Level is { } level)
                    {
                        w.WriteNumber("level", level);
                    }

                    w.WriteNumberOrNull("value", l.Value);
                    w.WriteString("description", l.Description);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();

        static void Strings(Utf8JsonWriter w, string name, ImmutableArray<string> values)
        {
            w.WriteStartArray(name);
            foreach (var v in values)
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
        }
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = DefinitionJsonOptions.TrimJustification)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = DefinitionJsonOptions.TrimJustification)]
    private static (SensitivityFrame Frame, int? Shard, int? ShardCount, bool KeepsReplicates, List<FailedRun> Failures) ParseHeader(JsonElement h, string name, string? source)
    {
        var options = IndexDefinitionSerializer.Default.Options;
        // The analysis with the initial values of omitted init-only members written in (see InitialValues: generated contracts, Native AOT).
        var node = JsonNode.Parse(h.GetProperty("analysis").GetRawText());
        InitialValues.Fill(node, typeof(SensitivityDefinition), options);
        var analysis = node.Deserialize<SensitivityDefinition>(options)
            ?? throw new IndexDataException($"{name}: the header has no analysis.", source);
        var outputs = h.GetProperty("outputs").Deserialize<ImmutableArray<SensitivityOutput>>(options);
        var factors = Strings(h, "factors");
        var runs = h.GetProperty("runs").GetInt32();
        if (runs != analysis.RunCount || factors.Length != (analysis.Factors.IsDefault ? 0 : analysis.Factors.Length) || outputs.IsDefault)
        {
            throw new IndexDataException($"{name}: the header's run count, factors or outputs do not agree with its analysis.", source);
        }

        SobolDesign? design = null;
        if (analysis.Scheme == SamplingScheme.Saltelli)
        {
            design = SobolDesign.Create(factors.Length, analysis.Samples, analysis.Seed, analysis.Points ?? BasePoints.Sobol, analysis.DigitalShift, analysis.SecondOrder);
        }

        var designFingerprint = h.TryGetProperty("designFingerprint", out var df) && df.ValueKind == JsonValueKind.String ? df.GetString() : null;
        if (designFingerprint != design?.Fingerprint)
        {
            throw new IndexDataException($"{name}: the design fingerprint {designFingerprint ?? "(none)"} does not match the design of its analysis ({design?.Fingerprint ?? "none"}).", source);
        }

        int? shard = h.TryGetProperty("shard", out var s) ? s.GetInt32() : null;
        int? shardCount = h.TryGetProperty("shardCount", out var c) ? c.GetInt32() : null;
        if ((shard is null) != (shardCount is null) || shardCount < 1 || shard < 0 || shard >= shardCount)
        {
            throw new IndexDataException($"{name}: the shard number is out of range.", source);
        }

        var failures = new List<FailedRun>();
        foreach (var f in h.GetProperty("failedRuns").EnumerateArray())
        {
            var levels = f.GetProperty("levels").EnumerateArray().Select(l => new FactorLevel(
                l.GetProperty("factor").GetString()!,
                l.TryGetProperty("level", out var lv) ? lv.GetInt32() : null,
                l.GetProperty("value").ValueKind == JsonValueKind.Null ? double.NaN : l.GetProperty("value").GetDouble(),
                l.GetProperty("description").GetString()!)).ToImmutableArray();
            failures.Add(new FailedRun(f.GetProperty("run").GetInt32(), f.GetProperty("block").GetString()!, levels, f.GetProperty("error").GetString()!));
        }

        var frame = new SensitivityFrame
        {
            Analysis = analysis,
            IndexId = h.GetProperty("index").GetString()!,
            NodeId = h.GetProperty("node").GetString()!,
            DefinitionFingerprint = h.GetProperty("definitionFingerprint").GetString()!,
            DataFingerprint = h.GetProperty("dataFingerprint").GetString()!,
            Fingerprint = h.GetProperty("fingerprint").GetString()!,
            Units = Strings(h, "units"),
            UnitNames = Strings(h, "unitNames"),
            Periods = Strings(h, "periods"),
            FactorNames = factors,
            Outputs = outputs,
            RunCount = runs,
            Design = design,
            NominalRanks = [],
            NominalScores = [],
        };
        if (frame.UnitNames.Length != frame.Units.Length)
        {
            throw new IndexDataException($"{name}: the header has {frame.Units.Length} units but {frame.UnitNames.Length} unit names.", source);
        }

        return (frame, shard, shardCount, h.GetProperty("keepsReplicates").GetBoolean(), failures);

        static ImmutableArray<string> Strings(JsonElement h, string property) =>
            [.. h.GetProperty(property).EnumerateArray().Select(e => e.GetString() ?? throw new FormatException($"'{property}' holds a null."))];
    }

    private static void Write(Stream stream, IncrementalHash hash, ReadOnlySpan<byte> bytes)
    {
        hash.AppendData(bytes);
        stream.Write(bytes);
    }

    private static void WriteArray<T>(Stream stream, IncrementalHash hash, T[] values)
        where T : unmanaged
    {
        EnsureLittleEndian();
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        for (var i = 0; i < bytes.Length; i += 1 << 20)
        {
            Write(stream, hash, bytes.Slice(i, Math.Min(1 << 20, bytes.Length - i)));
        }
    }

    private static T[] ReadArray<T>(ReadOnlySpan<byte> content, ref int offset, int length)
        where T : unmanaged
    {
        var values = new T[length];
        ReadArray(content, ref offset, values);
        return values;
    }

    private static void ReadArray<T>(ReadOnlySpan<byte> content, ref int offset, T[] destination)
        where T : unmanaged
    {
        EnsureLittleEndian();
        var bytes = MemoryMarshal.AsBytes(destination.AsSpan());
        content.Slice(offset, bytes.Length).CopyTo(bytes);
        offset += bytes.Length;
        if (typeof(T) == typeof(bool))
        {
            // Only 0 and 1 are valid booleans; anything else came from a corrupted (but re-hashed) file.
            foreach (var b in bytes)
            {
                if (b > 1)
                {
                    throw new FormatException("A done flag is neither 0 nor 1.");
                }
            }
        }
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Sensitivity parts are written and read on little-endian machines only.");
        }
    }
}
