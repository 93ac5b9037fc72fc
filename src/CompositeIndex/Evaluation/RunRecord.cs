using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace CompositeIndex;

/// <summary>
/// The record of how a result was computed: the definition (and its fingerprint), the library version, the fingerprint
/// of the data, and the normalisation parameters fitted (or frozen) — enough to regenerate the result bit for bit from
/// the same data (<see cref="Regenerate"/>), as COINr's <c>Regen</c> does from a coin's log.
/// </summary>
/// <remarks>
/// <para>The data fingerprint is the SHA-256 of the panel as evaluation received it (before the definition's
/// preparation steps): unit ids, names and attributes, periods, indicator ids and every value's bits, each string
/// length-prefixed (UTF-8) and each number as its 8 little-endian bytes. Two panels with the same fingerprint hold the
/// same numbers in the same layout.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class RunRecord
{
    internal RunRecord(IndexDefinition definition, string definitionFingerprint, string libraryVersion, string? dataFingerprint, ImmutableArray<NormalizationParameter> parameters, bool parametersFrozen)
    {
        Definition = definition;
        DefinitionFingerprint = definitionFingerprint;
        LibraryVersion = libraryVersion;
        DataFingerprint = dataFingerprint;
        Parameters = parameters;
        ParametersFrozen = parametersFrozen;
    }

    /// <summary>Gets the definition that produced the result.</summary>
    public IndexDefinition Definition { get; }

    /// <summary>Gets the definition's fingerprint (<see cref="Serialization.IndexDefinitionJson.Fingerprint"/>) when the result was computed.</summary>
    public string DefinitionFingerprint { get; }

    /// <summary>Gets the version of the library that computed the result.</summary>
    public string LibraryVersion { get; }

    /// <summary>Gets the fingerprint of the data the result was computed from (see the remarks), or <see langword="null"/> when unknown (a result file of format version 1).</summary>
    public string? DataFingerprint { get; }

    /// <summary>Gets the normalisation parameters the run fitted, or applied when <see cref="ParametersFrozen"/>.</summary>
    public ImmutableArray<NormalizationParameter> Parameters { get; }

    /// <summary>Gets whether the run applied frozen parameters (<see cref="CompiledIndex.Evaluate(Panel, FrozenParameters, CancellationToken)"/>) instead of fitting them.</summary>
    public bool ParametersFrozen { get; }

    /// <summary>
    /// Computes the result again from the same data: evaluates <see cref="Definition"/> on <paramref name="data"/>, with
    /// the recorded parameters frozen when the run froze them, and checks that every parameter fitted now is the
    /// recorded one bit for bit. The regenerated result writes the same JSON as the original.
    /// </summary>
    /// <param name="data">The data the result was computed from.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The regenerated result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDataException">The data is not the run's (another fingerprint), or the regenerated parameters differ from the recorded ones.</exception>
    /// <exception cref="IndexDefinitionException">The definition is not valid for this library version.</exception>
    public IndexResult Regenerate(Panel data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fingerprint = DataFingerprints.Of(data);
        if (DataFingerprint is not null && fingerprint != DataFingerprint)
        {
            throw new IndexDataException($"The data has the fingerprint {fingerprint}; the run was computed from data with fingerprint {DataFingerprint}.");
        }

        var index = CompiledIndex.Compile(Definition);
        var result = ParametersFrozen
            ? index.Evaluate(data, FrozenParameters.From(Parameters), cancellationToken)
            : index.Evaluate(data, cancellationToken);
        if (!result.Parameters.SequenceEqual(Parameters, ParameterBits.Instance))
        {
            var first = result.Parameters.Zip(Parameters).Select((x, k) => (x, k)).FirstOrDefault(z => !ParameterBits.Instance.Equals(z.x.First, z.x.Second));
            throw new IndexDataException($"The regenerated parameters differ from the recorded ones (library {Serialization.IndexDefinitionJson.LibraryVersion}, run by {LibraryVersion}){(first.x.First is { } a ? $": '{a.Name}' of '{a.IndicatorId}' is {a.Value:R}, recorded {first.x.Second.Value:R}" : $": {result.Parameters.Length} parameters, recorded {Parameters.Length}")}.");
        }

        return result;
    }

    /// <summary>Parameters equal in every field, values compared by their bits.</summary>
    private sealed class ParameterBits : IEqualityComparer<NormalizationParameter>
    {
        public static readonly ParameterBits Instance = new();

        public bool Equals(NormalizationParameter? x, NormalizationParameter? y) =>
            x is not null && y is not null && x.IndicatorId == y.IndicatorId && x.Period == y.Period && x.Name == y.Name
            && BitConverter.DoubleToInt64Bits(x.Value) == BitConverter.DoubleToInt64Bits(y.Value);

        public int GetHashCode(NormalizationParameter obj) => HashCode.Combine(obj.IndicatorId, obj.Period, obj.Name, obj.Value);
    }
}

/// <summary>The SHA-256 fingerprint of a panel (see <see cref="RunRecord"/>).</summary>
internal static class DataFingerprints
{
    public static string Of(Panel panel)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var number = new byte[8];
        void Int(long n)
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, n);
            hash.AppendData(number);
        }

        void Str(string? s)
        {
            if (s is null)
            {
                Int(-1);
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(s);
            Int(bytes.Length);
            hash.AppendData(bytes);
        }

        Int(panel.UnitInfo.Length);
        foreach (var unit in panel.UnitInfo)
        {
            Str(unit.Id);
            Str(unit.Name);
            Int(unit.Attributes.Count);
            foreach (var (key, value) in unit.Attributes)
            {
                Str(key);
                Str(value);
            }
        }

        Int(panel.Periods.Length);
        foreach (var period in panel.Periods)
        {
            Str(period);
        }

        Int(panel.Indicators.Length);
        foreach (var indicator in panel.Indicators)
        {
            Str(indicator);
        }

        foreach (var v in panel.RawValues)
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, BitConverter.DoubleToInt64Bits(v));
            hash.AppendData(number);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
