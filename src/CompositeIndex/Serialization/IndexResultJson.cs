using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace CompositeIndex.Serialization;

/// <summary>
/// Reads result JSON written by <see cref="IndexResult.WriteJson"/> back into an <see cref="IndexResult"/>: every
/// score bit for bit (missing scores stay missing), ranks, fitted parameters, weights, audit log, outputs, units with
/// their attributes, and the definition that produced them, so that a saved result can be explained, reported and
/// audited without recomputing. Also writes results asynchronously.
/// </summary>
/// <remarks>
/// <para><b>The definition</b>: files of format version 2 embed it (<c>"definition"</c>); files of version 1, and
/// files whose definition uses a method that is not registered, do not, and are read with the definition given. A
/// definition given must have the result's nodes (ids, kinds, parents, order); when the file was written by this
/// library version, its fingerprint must also be the recorded one (fingerprints of the same definition can differ
/// between library versions, which add defaults to the canonical form). A given definition is used in preference to
/// the embedded one.</para>
/// <para>The format is strict: a property the format does not have, a value of the wrong type, a missing score, a
/// score given twice, or a rank or coverage entry that is not the one the scores give is an error, so that what is
/// read is exactly what was written (and <see cref="IndexResult.WriteJson"/> writes the same bytes again for a file of
/// the current version). Errors are <see cref="IndexDataException"/>s naming the source, the line and, as
/// <see cref="IndexDataException.Column"/>, the JSONPath of the offending value (e.g. <c>$.scores[12].score</c>).</para>
/// <para>Versions: files carry <c>"schemaVersion"</c> (<see cref="CurrentSchemaVersion"/>); a file without it was
/// written before the field existed and has the version 1 layout; a newer version is refused. Version 2 added
/// <c>"definition"</c>, <c>"run"</c> (data fingerprint, whether parameters were frozen: see <see cref="RunRecord"/>),
/// <c>"index.variant"</c> and <c>"units[].attributes"</c>.</para>
/// <para>What a result read back lacks: <see cref="IndexResult.Preparation"/> (the prepared data) and
/// <see cref="IndexResult.Variants"/> (only the primary variant's scores are written); outputs are read as written.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class IndexResultJson
{
    /// <summary>The version of the result format this library writes (it reads versions 1 to this one).</summary>
    public const int CurrentSchemaVersion = 2;

    /// <summary>Reads a result JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="definition">The definition that produced the result; <see langword="null"/> to use the one the file embeds.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is <see langword="null"/>, empty or white space.</exception>
    /// <exception cref="IndexDataException">The file cannot be read, is not JSON, does not have the result format, was written by a newer format version, or lacks its definition and none is given.</exception>
    /// <exception cref="IndexDefinitionException">The definition given is invalid.</exception>
    public static IndexResult ReadFile(string path, IndexDefinition? definition = null) =>
        Read(ReadAllBytes(path), definition, Path.GetFileName(path));

    /// <summary>Reads a result JSON file asynchronously (see <see cref="ReadFile"/>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="definition">The definition that produced the result; <see langword="null"/> to use the one the file embeds.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is <see langword="null"/>, empty or white space.</exception>
    /// <exception cref="IndexDataException">As <see cref="ReadFile"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition given is invalid.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public static async Task<IndexResult> ReadFileAsync(string path, IndexDefinition? definition = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot read the file: {ex.Message}", path, inner: ex);
        }

        return Read(bytes, definition, Path.GetFileName(path));
    }

    /// <summary>Reads result JSON from a stream.</summary>
    /// <param name="utf8Json">The UTF-8 JSON; read to the end, not closed.</param>
    /// <param name="definition">The definition that produced the result; <see langword="null"/> to use the one the file embeds.</param>
    /// <param name="source">A name for the source used in error messages (e.g. the file name); <see langword="null"/> for none.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDataException">The text is not JSON, does not have the result format, was written by a newer format version, or lacks its definition and none is given.</exception>
    /// <exception cref="IndexDefinitionException">The definition given is invalid.</exception>
    public static IndexResult Read(Stream utf8Json, IndexDefinition? definition = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return Read(buffer.ToArray(), definition, source);
    }

    /// <summary>Reads result JSON from a stream asynchronously (see <see cref="Read(Stream, IndexDefinition?, string?)"/>).</summary>
    /// <param name="utf8Json">The UTF-8 JSON; read to the end, not closed.</param>
    /// <param name="definition">The definition that produced the result; <see langword="null"/> to use the one the file embeds.</param>
    /// <param name="source">A name for the source used in error messages; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="IndexDataException">As <see cref="Read(Stream, IndexDefinition?, string?)"/>.</exception>
    /// <exception cref="IndexDefinitionException">The definition given is invalid.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public static async Task<IndexResult> ReadAsync(Stream utf8Json, IndexDefinition? definition = null, string? source = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        await utf8Json.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Read(buffer.ToArray(), definition, source);
    }

    /// <summary>Writes a result as JSON asynchronously: the bytes <see cref="IndexResult.WriteJson"/> writes.</summary>
    /// <param name="result">The result.</param>
    /// <param name="utf8Json">The destination; not closed.</param>
    /// <param name="indented">Whether to indent. The default is <see langword="true"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the JSON is written and flushed to <paramref name="utf8Json"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="OperationCanceledException">The write was cancelled.</exception>
    public static async Task WriteAsync(IndexResult result, Stream utf8Json, bool indented = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        result.WriteJson(buffer, indented);
        buffer.Position = 0;
        await buffer.CopyToAsync(utf8Json, cancellationToken).ConfigureAwait(false);
        await utf8Json.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether JSON content is a result (its top-level object has an <c>"index"</c> object among its first properties,
    /// which a definition does not have) rather than a definition; for tools that accept either. The beginning of a
    /// file (e.g. its first 64 KiB) is enough: a result writes <c>"schemaVersion"</c> and <c>"index"</c> first.
    /// </summary>
    /// <param name="utf8Json">The content, or its beginning.</param>
    /// <returns><see langword="true"/> when it is a result.</returns>
    public static bool IsResult(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(Strip(utf8Json), isFinalBlock: false, new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip }));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isIndex = reader.ValueTextEquals("index"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isIndex)
                {
                    return reader.TokenType == JsonTokenType.StartObject;
                }

                if (!reader.TrySkip())
                {
                    return false;
                }
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static byte[] ReadAllBytes(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot read the file: {ex.Message}", path, inner: ex);
        }
    }

    private static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> utf8) => utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8;

    private static IndexResult Read(byte[] bytes, IndexDefinition? definition, string? source)
    {
        var utf8 = Strip(bytes);
        var errors = new List<DefinitionError>();
        var tree = JsonTree.Parse(utf8, errors);
        if (tree is null || errors.Count > 0)
        {
            var e = errors[0];
            throw new IndexDataException(e.Message, source, e.Line, e.Path);
        }

        return new Reader(source).Result(tree, utf8, definition);
    }

    /// <summary>Maps the tree to a result, throwing at the first problem.</summary>
    private sealed class Reader(string? source)
    {
        public IndexResult Result(JsonTree root, ReadOnlySpan<byte> utf8, IndexDefinition? given)
        {
            const string P = "$";
            Check(root, P, JsonValueKind.Object, "schemaVersion", "index", "definition", "run", "units", "periods", "nodes", "scores", "parameters", "weights", "coverage", "audit", "outputs");
            var version = 1;
            if (root.Find("schemaVersion") is not null)
            {
                version = Int(root, P, "schemaVersion");
                if (version > CurrentSchemaVersion)
                {
                    throw Error(root.Get("schemaVersion")!, "$.schemaVersion", $"The result was written in format version {version} by a newer version of CompositeIndex; this version reads versions 1 to {CurrentSchemaVersion}.");
                }

                if (version < 1)
                {
                    throw Error(root.Get("schemaVersion")!, "$.schemaVersion", $"The format version must be 1 or more, got {version}.");
                }
            }

            var index = Get(root, P, "index", JsonValueKind.Object);
            var ip = "$.index";
            Check(index, ip, JsonValueKind.Object, "id", "name", "names", "version", "root", "definitionFingerprint", "libraryVersion", "variant");
            var fingerprint = Str(index, ip, "definitionFingerprint");
            var libraryVersion = Str(index, ip, "libraryVersion");

            var units = Items(root, P, "units").Select((t, i) =>
            {
                var path = JsonTree.Index("$.units", i);
                Check(t, path, JsonValueKind.Object, "id", "name", "attributes");
                return new UnitInfo(Str(t, path, "id"), OptStr(t, path, "name")) { Attributes = Map(t, path, "attributes") };
            }).ToImmutableArray();
            var periods = Items(root, P, "periods").Select((t, i) => Text(t, JsonTree.Index("$.periods", i))).ToImmutableArray();
            var nodes = Items(root, P, "nodes").Select((t, i) =>
            {
                var path = JsonTree.Index("$.nodes", i);
                Check(t, path, JsonValueKind.Object, "id", "name", "names", "kind", "parent");
                var kind = Str(t, path, "kind");
                if (kind is not ("indicator" or "group"))
                {
                    throw Error(t.Get("kind")!, JsonTree.Child(path, "kind"), $"Expected \"indicator\" or \"group\", found {t.Get("kind")!.Describe()}.");
                }

                return (Id: Str(t, path, "id"), Name: Str(t, path, "name"), Names: Map(t, path, "names"), IsIndicator: kind == "indicator", Parent: OptStr(t, path, "parent"), Tree: t);
            }).ToList();

            var unitIndex = IndexOf(units.Select(x => x.Id), "$.units", "unit", root.Get("units")!);
            var periodIndex = IndexOf(periods, "$.periods", "period", root.Get("periods")!);
            var nodeIndex = IndexOf(nodes.Select(x => x.Id), "$.nodes", "node", root.Get("nodes")!);
            var (u, p) = (units.Length, periods.Length);
            var cells = (long)nodes.Count * p * u;
            var scoreItems = Items(root, P, "scores");
            if (scoreItems.Count != cells)
            {
                throw Error(root.Get("scores")!, "$.scores", $"Expected {cells} scores ({nodes.Count} nodes × {p} periods × {u} units), found {scoreItems.Count}.");
            }

            var scores = new double[cells];
            var ranks = new int[cells];
            var rankAt = new int[cells];
            var seen = new bool[cells];
            for (var k = 0; k < scoreItems.Count; k++)
            {
                var t = scoreItems[k];
                var path = JsonTree.Index("$.scores", k);
                Check(t, path, JsonValueKind.Object, "unit", "period", "node", "score", "rank");
                var j = Lookup(unitIndex, t, path, "unit");
                var q = Lookup(periodIndex, t, path, "period");
                var n = Lookup(nodeIndex, t, path, "node");
                var cell = ((((long)n * p) + q) * u) + j;
                if (seen[cell])
                {
                    throw Error(t, path, $"The score of node '{nodes[n].Id}', unit '{units[j].Id}', period '{periods[q]}' is given twice.");
                }

                seen[cell] = true;
                rankAt[cell] = k;
                var score = Get(t, path, "score", null);
                if (score.Kind == JsonValueKind.Null)
                {
                    scores[cell] = double.NaN;
                    if (t.Find("rank") is not null)
                    {
                        throw Error(t.Get("rank")!, JsonTree.Child(path, "rank"), "A missing score has no rank.");
                    }
                }
                else
                {
                    scores[cell] = Number(score, JsonTree.Child(path, "score"));
                    ranks[cell] = Int(t, path, "rank");
                    if (ranks[cell] < 1)
                    {
                        throw Error(t.Get("rank")!, JsonTree.Child(path, "rank"), $"A rank is 1 or more, got {ranks[cell]}.");
                    }
                }
            }

            var parameters = Items(root, P, "parameters").Select((t, i) =>
            {
                var path = JsonTree.Index("$.parameters", i);
                Check(t, path, JsonValueKind.Object, "indicator", "period", "name", "value");
                return new NormalizationParameter(Str(t, path, "indicator"), OptStr(t, path, "period"), Str(t, path, "name"), Number(Get(t, path, "value", JsonValueKind.Number), JsonTree.Child(path, "value")));
            }).ToImmutableArray();
            var weights = Items(root, P, "weights").Select((t, i) => Weighting(t, JsonTree.Index("$.weights", i))).ToImmutableArray();
            var coverage = Items(root, P, "coverage").Select((t, i) =>
            {
                var path = JsonTree.Index("$.coverage", i);
                Check(t, path, JsonValueKind.Object, "period", "unit", "indicatorsUsed", "dropped");
                var dropped = Items(t, path, "dropped").Select((d, k) => Text(d, JsonTree.Index(JsonTree.Child(path, "dropped"), k))).ToImmutableArray();
                return (Unit: Str(t, path, "unit"), Period: Str(t, path, "period"), Used: Int(t, path, "indicatorsUsed"), Dropped: dropped, Tree: t, Path: path);
            }).ToList();
            var audit = Items(root, P, "audit").Select((t, i) =>
            {
                var path = JsonTree.Index("$.audit", i);
                Check(t, path, JsonValueKind.Object, "step", "node", "unit", "period", "message");
                return new AuditEntry(Str(t, path, "step"), Str(t, path, "node"), NullableStr(t, path, "unit"), NullableStr(t, path, "period"), Str(t, path, "message"));
            }).ToImmutableArray();

            var definition = given ?? Embedded(root, utf8);
            var compiled = Compile(definition, root, index, fingerprint, libraryVersion, given is not null);
            for (var n = 0; n < nodes.Count; n++)
            {
                var node = compiled.Nodes.Length > n ? compiled.Nodes[n] : null;
                var parent = node is null || node.Parent < 0 ? null : compiled.Nodes[node.Parent].Id;
                if (node is null || node.Id != nodes[n].Id || node.IsIndicator != nodes[n].IsIndicator || parent != nodes[n].Parent || compiled.Nodes.Length != nodes.Count)
                {
                    throw Error(nodes[n].Tree, JsonTree.Index("$.nodes", n), $"The node '{nodes[n].Id}' is not the definition's node at this position ({(node is null ? "none" : $"'{node.Id}'")}): the definition is not the one that produced the result.");
                }
            }

            var (dataFingerprint, frozen) = (default(string), false);
            if (root.Get("run") is { } run)
            {
                Check(run, "$.run", JsonValueKind.Object, "dataFingerprint", "parametersFrozen");
                dataFingerprint = OptStr(run, "$.run", "dataFingerprint");
                var f = Get(run, "$.run", "parametersFrozen", null);
                frozen = f.Kind == JsonValueKind.True || (f.Kind == JsonValueKind.False ? false : throw Error(f, "$.run.parametersFrozen", $"Expected true or false, found {f.Describe()}."));
            }

            var result = new IndexResult(compiled, units, periods, scores, parameters, audit, fingerprint)
            {
                Weights = weights,
                Variant = OptStr(index, ip, "variant"),
                LibraryVersion = libraryVersion,
                RecordedDataFingerprint = dataFingerprint,
                ParametersFrozen = frozen,
            };
            CheckRanks(result, scores, ranks, rankAt, scoreItems, nodes.Count, p, u);
            CheckCoverage(result, coverage, p, u, root);
            var outputs = root.Find("outputs") is null ? [] : Items(root, P, "outputs").Select((t, i) => Output(t, JsonTree.Index("$.outputs", i), definition, units, periods, unitIndex, periodIndex)).ToImmutableArray();
            return result.WithOutputs(outputs);
        }

        private IndexDefinition Embedded(JsonTree root, ReadOnlySpan<byte> utf8)
        {
            if (root.Get("definition") is not { } tree)
            {
                throw Error(root, "$.definition", "The result does not contain its definition (it was written by format version 1, or the definition uses a method that is not registered): give the definition to read it.");
            }

            if (tree.Kind != JsonValueKind.Object)
            {
                throw Error(tree, "$.definition", $"Expected an object, found {tree.Describe()}.");
            }

            string json;
            try
            {
                var reader = new Utf8JsonReader(utf8);
                using var doc = JsonDocument.ParseValue(ref reader);
                json = doc.RootElement.GetProperty("definition").GetRawText();
            }
            catch (JsonException ex)
            {
                throw new IndexDataException(ex.Message, source, tree.Line, "$.definition", ex);
            }

            try
            {
                return IndexDefinitionJson.Load(json);
            }
            catch (IndexDefinitionException ex)
            {
                throw new IndexDataException($"The embedded definition is invalid: {ex.Message}", source, tree.Line, "$.definition", ex);
            }
        }

        private CompiledIndex Compile(IndexDefinition definition, JsonTree root, JsonTree index, string fingerprint, string libraryVersion, bool given)
        {
            if (libraryVersion == IndexDefinitionJson.LibraryVersion && DefinitionFingerprints.Of(definition) is var actual && actual != fingerprint)
            {
                var at = index.Get("definitionFingerprint")!;
                throw Error(at, "$.index.definitionFingerprint", given
                    ? $"The definition given has the fingerprint {actual}; the result was produced by the definition with fingerprint {fingerprint}."
                    : $"The embedded definition has the fingerprint {actual}, not the recorded {fingerprint}: the file was modified.");
            }

            try
            {
                return CompiledIndex.Compile(definition);
            }
            catch (IndexDefinitionException ex) when (!given)
            {
                throw new IndexDataException($"The embedded definition is invalid: {ex.Message}", source, root.Get("definition")?.Line, "$.definition", ex);
            }
        }

        private void CheckRanks(IndexResult result, double[] scores, int[] ranks, int[] rankAt, List<JsonTree> items, int nodes, int p, int u)
        {
            for (var n = 0; n < nodes; n++)
            {
                for (var t = 0; t < p; t++)
                {
                    var expected = result.RanksAt(n, t);
                    var offset = ((n * p) + t) * u;
                    for (var j = 0; j < u; j++)
                    {
                        if (!double.IsNaN(scores[offset + j]) && ranks[offset + j] != expected[j])
                        {
                            var k = rankAt[offset + j];
                            var path = JsonTree.Index("$.scores", k);
                            throw Error(items[k].Get("rank")!, JsonTree.Child(path, "rank"), $"The rank {ranks[offset + j]} is not the rank of the score among the period's scores ({expected[j]}).");
                        }
                    }
                }
            }
        }

        private void CheckCoverage(IndexResult result, List<(string Unit, string Period, int Used, ImmutableArray<string> Dropped, JsonTree Tree, string Path)> coverage, int p, int u, JsonTree root)
        {
            if (coverage.Count != p * u)
            {
                throw Error(root.Get("coverage")!, "$.coverage", $"Expected {p * u} coverage entries ({p} periods × {u} units), found {coverage.Count}.");
            }

            var k = 0;
            for (var t = 0; t < p; t++)
            {
                for (var j = 0; j < u; j++, k++)
                {
                    var c = coverage[k];
                    var (unit, period) = (result.Units[j].Id, result.Periods[t]);
                    if (c.Unit != unit || c.Period != period)
                    {
                        throw Error(c.Tree, c.Path, $"Expected the coverage of unit '{unit}', period '{period}' here (period-major order), found unit '{c.Unit}', period '{c.Period}'.");
                    }

                    var used = result.GetIndicatorCount(result.RootId, unit, period);
                    var dropped = result.GetRootDropped(t, j);
                    if (c.Used != used || !c.Dropped.SequenceEqual(dropped))
                    {
                        throw Error(c.Tree, c.Path, $"The coverage of unit '{unit}', period '{period}' is not the one its scores give ({used} indicators used; dropped: {string.Join(", ", dropped)}).");
                    }
                }
            }
        }

        private WeightingReport Weighting(JsonTree t, string path)
        {
            Check(t, path, JsonValueKind.Object, "group", "method", "derivation", "unit", "period", "children", "diagnostics");
            var children = Items(t, path, "children").Select((c, k) =>
            {
                var cp = JsonTree.Index(JsonTree.Child(path, "children"), k);
                Check(c, cp, JsonValueKind.Object, "id", "weight");
                return (Id: Str(c, cp, "id"), Weight: NumberOrNull(c, cp, "weight"));
            }).ToList();
            var diagnostics = Items(t, path, "diagnostics").Select((d, k) =>
            {
                var dp = JsonTree.Index(JsonTree.Child(path, "diagnostics"), k);
                Check(d, dp, JsonValueKind.Object, "name", "value", "child", "qualifier");
                return new WeightingDiagnostic(Str(d, dp, "name"), NumberOrNull(d, dp, "value"), OptStr(d, dp, "child"), OptStr(d, dp, "qualifier"));
            }).ToImmutableArray();
            return new WeightingReport(Str(t, path, "group"), Str(t, path, "method"), [.. children.Select(c => c.Id)], [.. children.Select(c => c.Weight)], Str(t, path, "derivation"))
            {
                UnitId = OptStr(t, path, "unit"),
                Period = OptStr(t, path, "period"),
                Diagnostics = diagnostics,
            };
        }

        private OutputResult Output(JsonTree t, string path, IndexDefinition definition, ImmutableArray<UnitInfo> units, ImmutableArray<string> periods, Dictionary<string, int> unitIndex, Dictionary<string, int> periodIndex)
        {
            Check(t, path, JsonValueKind.Object, "id", "name", "values");
            var id = Str(t, path, "id");
            var od = definition.Outputs.FirstOrDefault(o => o.Id == id) ?? throw Error(t.Get("id")!, JsonTree.Child(path, "id"), $"The definition has no output '{id}'.");
            if (OptStr(t, path, "name") != od.Name)
            {
                throw Error(t, path, $"The output '{id}' has another name in the definition.");
            }

            var n = units.Length * periods.Length;
            var values = new double[n];
            Array.Fill(values, double.NaN);
            var published = new double[n];
            Array.Fill(published, double.NaN);
            var rounded = new decimal?[n];
            var ranks = new int[n];
            var classes = new string?[n];
            var last = -1;
            var items = Items(t, path, "values");
            for (var k = 0; k < items.Count; k++)
            {
                var v = items[k];
                var vp = JsonTree.Index(JsonTree.Child(path, "values"), k);
                Check(v, vp, JsonValueKind.Object, "unit", "period", "value", "published", "rank", "class");
                var cell = (Lookup(periodIndex, v, vp, "period") * units.Length) + Lookup(unitIndex, v, vp, "unit");
                if (cell <= last)
                {
                    throw Error(v, vp, "The values of an output are in period-major order, each cell once.");
                }

                last = cell;
                var value = Number(Get(v, vp, "value", JsonValueKind.Number), JsonTree.Child(vp, "value"));
                values[cell] = value;
                if (od.Rounding is not null)
                {
                    var text = Get(v, vp, "published", JsonValueKind.Number).Text!;
                    rounded[cell] = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                        ? d
                        : throw Error(v.Get("published")!, JsonTree.Child(vp, "published"), $"The number {text} is out of range.");
                    published[cell] = (double)d;
                }
                else
                {
                    if (v.Find("published") is not null)
                    {
                        throw Error(v.Get("published")!, JsonTree.Child(vp, "published"), $"The output '{id}' is not rounded, so it has no published value.");
                    }

                    rounded[cell] = DecimalRounding.ToDecimal(value);
                    published[cell] = value;
                }

                if (v.Find("rank") is not null)
                {
                    ranks[cell] = Int(v, vp, "rank");
                    if (ranks[cell] < 1)
                    {
                        throw Error(v.Get("rank")!, JsonTree.Child(vp, "rank"), $"A rank is 1 or more, got {ranks[cell]}.");
                    }
                }

                classes[cell] = OptStr(v, vp, "class");
            }

            var result = new OutputResult(od, units, periods, values, published, rounded, ranks, classes);
            for (var k = 0; k < items.Count; k++)
            {
                var vp = JsonTree.Index(JsonTree.Child(path, "values"), k);
                if (items[k].Get("published") is { } text && text.Text != result.Format(Str(items[k], vp, "unit"), Str(items[k], vp, "period")))
                {
                    throw Error(text, JsonTree.Child(vp, "published"), $"The published value {text.Text} does not have the output's {od.Rounding!.Digits} decimals.");
                }
            }

            return result;
        }

        private ImmutableSortedDictionary<string, string> Map(JsonTree t, string path, string name)
        {
            if (t.Find(name) is null)
            {
                return ImmutableSortedDictionary<string, string>.Empty;
            }

            var map = Get(t, path, name, JsonValueKind.Object);
            var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var prop in map.Properties!)
            {
                b[prop.Name] = Text(prop.Value, JsonTree.Child(JsonTree.Child(path, name), prop.Name));
            }

            return b.ToImmutable();
        }

        private Dictionary<string, int> IndexOf(IEnumerable<string> ids, string path, string kind, JsonTree array)
        {
            var d = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (!d.TryAdd(id, d.Count))
                {
                    throw Error(array.Items![d.Count], JsonTree.Index(path, d.Count), $"The {kind} '{id}' is listed twice.");
                }
            }

            return d;
        }

        private int Lookup(Dictionary<string, int> index, JsonTree t, string path, string name)
        {
            var id = Str(t, path, name);
            return index.TryGetValue(id, out var i) ? i : throw Error(t.Get(name)!, JsonTree.Child(path, name), $"'{id}' is not one of the result's {name}s.");
        }

        private void Check(JsonTree t, string path, JsonValueKind kind, params string[] allowed)
        {
            if (t.Kind != kind)
            {
                throw Error(t, path, $"Expected {(kind == JsonValueKind.Object ? "an object" : "an array")}, found {t.Describe()}.");
            }

            foreach (var prop in t.Properties!)
            {
                if (Array.IndexOf(allowed, prop.Name) < 0)
                {
                    throw new IndexDataException($"The result format has no property '{prop.Name}' here (expected: {string.Join(", ", allowed)}).", source, prop.Line, JsonTree.Child(path, prop.Name));
                }
            }
        }

        private JsonTree Get(JsonTree obj, string path, string name, JsonValueKind? kind)
        {
            var v = obj.Get(name) ?? throw Error(obj, JsonTree.Child(path, name), $"The required property '{name}' is missing.");
            if (kind is { } k && v.Kind != k)
            {
                throw Error(v, JsonTree.Child(path, name), $"Expected {Describe(k)}, found {v.Describe()}.");
            }

            return v;
        }

        private List<JsonTree> Items(JsonTree obj, string path, string name) => Get(obj, path, name, JsonValueKind.Array).Items!;

        private string Str(JsonTree obj, string path, string name) => Get(obj, path, name, JsonValueKind.String).Text!;

        private string? OptStr(JsonTree obj, string path, string name) => obj.Find(name) is null ? null : Str(obj, path, name);

        private string? NullableStr(JsonTree obj, string path, string name) =>
            obj.Get(name) is { Kind: JsonValueKind.Null } ? null : Str(obj, path, name);

        private string Text(JsonTree t, string path) =>
            t.Kind == JsonValueKind.String ? t.Text! : throw Error(t, path, $"Expected a string, found {t.Describe()}.");

        private double NumberOrNull(JsonTree obj, string path, string name)
        {
            var v = Get(obj, path, name, null);
            return v.Kind == JsonValueKind.Null ? double.NaN : Number(v, JsonTree.Child(path, name));
        }

        private double Number(JsonTree t, string path)
        {
            if (t.Kind != JsonValueKind.Number)
            {
                throw Error(t, path, $"Expected a number, found {t.Describe()}.");
            }

            // The writer writes the shortest text that parses back to the same double; parsing it gives the same bits.
            return double.TryParse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x)
                ? x
                : throw Error(t, path, $"The number {t.Text} is out of range.");
        }

        private int Int(JsonTree obj, string path, string name)
        {
            var v = Get(obj, path, name, JsonValueKind.Number);
            return int.TryParse(v.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? i
                : throw Error(v, JsonTree.Child(path, name), $"Expected a whole number, found {v.Describe()}.");
        }

        private IndexDataException Error(JsonTree at, string path, string message) => new(message, source, at.Line, path);

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => kind.ToString().ToLowerInvariant(),
        };
    }
}
