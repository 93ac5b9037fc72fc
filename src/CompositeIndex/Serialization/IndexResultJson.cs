using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace CompositeIndex.Serialization;

/// <summary>
/// Reads result JSON written by <see cref="IndexResult.WriteJson"/> back into an <see cref="IndexResultDocument"/>:
/// every score bit for bit (missing scores stay missing), ranks, fitted parameters, weights, coverage, audit log,
/// outputs and the fingerprint of the definition that produced them.
/// </summary>
/// <remarks>
/// <para>The format is strict: a property the format does not have, a value of the wrong type, a missing score or a
/// score given twice is an error, so that what is read is exactly what was written (and
/// <see cref="IndexResultDocument.WriteJson"/> writes the same bytes again). Errors are <see cref="DataException"/>s
/// naming the source, the line and, as <see cref="DataException.Column"/>, the JSONPath of the offending value
/// (e.g. <c>$.scores[12].score</c>).</para>
/// <para>Versions: files carry <c>"schemaVersion"</c> (<see cref="CurrentSchemaVersion"/>); a file without it was
/// written before the field existed and has the version 1 layout; a newer version is refused.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class IndexResultJson
{
    /// <summary>The version of the result format this library writes and reads.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Reads a result JSON file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The document.</returns>
    /// <exception cref="DataException">The file cannot be read, is not JSON, does not have the result format, or was written by a newer format version.</exception>
    public static IndexResultDocument ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DataException($"Cannot read the file: {ex.Message}", path, inner: ex);
        }

        return Read(bytes, Path.GetFileName(path));
    }

    /// <summary>Reads result JSON from a stream.</summary>
    /// <param name="utf8Json">The UTF-8 JSON; read to the end, not closed.</param>
    /// <param name="source">A name for the source used in error messages (e.g. the file name); <see langword="null"/> for none.</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is <see langword="null"/>.</exception>
    /// <exception cref="DataException">The text is not JSON, does not have the result format, or was written by a newer format version.</exception>
    public static IndexResultDocument Read(Stream utf8Json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return Read(buffer.ToArray(), source);
    }

    private static IndexResultDocument Read(byte[] bytes, string? source)
    {
        var utf8 = bytes.AsSpan();
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        var errors = new List<DefinitionError>();
        var tree = JsonTree.Parse(utf8, errors);
        if (tree is null || errors.Count > 0)
        {
            var e = errors[0];
            throw new DataException(e.Message, source, e.Line, e.Path);
        }

        return new Reader(source).Document(tree);
    }

    /// <summary>Maps the tree to a document, throwing at the first problem.</summary>
    private sealed class Reader(string? source)
    {
        public IndexResultDocument Document(JsonTree root)
        {
            const string P = "$";
            Check(root, P, JsonValueKind.Object, "schemaVersion", "index", "units", "periods", "nodes", "scores", "parameters", "weights", "coverage", "audit", "outputs");
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
            Check(index, ip, JsonValueKind.Object, "id", "name", "names", "version", "root", "definitionFingerprint", "libraryVersion");

            var units = Items(root, P, "units").Select((t, i) =>
            {
                var path = JsonTree.Index("$.units", i);
                Check(t, path, JsonValueKind.Object, "id", "name");
                return new UnitInfo(Str(t, path, "id"), OptStr(t, path, "name"));
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

                return new IndexResultNode(Str(t, path, "id"), Str(t, path, "name"), kind == "indicator", OptStr(t, path, "parent")) { Names = Names(t, path) };
            }).ToImmutableArray();

            var unitIndex = IndexOf(units.Select(x => x.Id), "$.units", "unit", root.Get("units")!);
            var periodIndex = IndexOf(periods, "$.periods", "period", root.Get("periods")!);
            var nodeIndex = IndexOf(nodes.Select(x => x.Id), "$.nodes", "node", root.Get("nodes")!);
            var (u, p) = (units.Length, periods.Length);
            var cells = (long)nodes.Length * p * u;
            var scoreItems = Items(root, P, "scores");
            if (scoreItems.Count != cells)
            {
                throw Error(root.Get("scores")!, "$.scores", $"Expected {cells} scores ({nodes.Length} nodes × {p} periods × {u} units), found {scoreItems.Count}.");
            }

            var scores = new double[cells];
            var ranks = new int[cells];
            var seen = new bool[cells];
            for (var k = 0; k < scoreItems.Count; k++)
            {
                var t = scoreItems[k];
                var path = JsonTree.Index("$.scores", k);
                Check(t, path, JsonValueKind.Object, "unit", "period", "node", "score", "rank");
                var j = Lookup(unitIndex, t, path, "unit");
                var q = Lookup(periodIndex, t, path, "period");
                var n = Lookup(nodeIndex, t, path, "node");
                var cell = (((long)n * p) + q) * u + j;
                if (seen[cell])
                {
                    throw Error(t, path, $"The score of node '{nodes[n].Id}', unit '{units[j].Id}', period '{periods[q]}' is given twice.");
                }

                seen[cell] = true;
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
                return new IndexResultCoverage(Str(t, path, "unit"), Str(t, path, "period"), Int(t, path, "indicatorsUsed"), dropped);
            }).ToImmutableArray();
            var audit = Items(root, P, "audit").Select((t, i) =>
            {
                var path = JsonTree.Index("$.audit", i);
                Check(t, path, JsonValueKind.Object, "step", "node", "unit", "period", "message");
                return new AuditEntry(Str(t, path, "step"), Str(t, path, "node"), NullableStr(t, path, "unit"), NullableStr(t, path, "period"), Str(t, path, "message"));
            }).ToImmutableArray();
            var outputs = root.Find("outputs") is null ? [] : Items(root, P, "outputs").Select((t, i) => Output(t, JsonTree.Index("$.outputs", i))).ToImmutableArray();

            return new IndexResultDocument(scores, ranks)
            {
                SchemaVersion = version,
                Id = Str(index, ip, "id"),
                Name = Str(index, ip, "name"),
                Names = Names(index, ip),
                Version = OptStr(index, ip, "version"),
                RootId = Str(index, ip, "root"),
                DefinitionFingerprint = Str(index, ip, "definitionFingerprint"),
                LibraryVersion = Str(index, ip, "libraryVersion"),
                Units = units,
                Periods = periods,
                Nodes = nodes,
                Parameters = parameters,
                Weights = weights,
                Coverage = coverage,
                Audit = audit,
                Outputs = outputs,
            };
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

        private IndexResultOutput Output(JsonTree t, string path)
        {
            Check(t, path, JsonValueKind.Object, "id", "name", "values");
            var values = Items(t, path, "values").Select((v, k) =>
            {
                var vp = JsonTree.Index(JsonTree.Child(path, "values"), k);
                Check(v, vp, JsonValueKind.Object, "unit", "period", "value", "published", "rank", "class");
                return new IndexResultOutputValue(Str(v, vp, "unit"), Str(v, vp, "period"), Number(Get(v, vp, "value", JsonValueKind.Number), JsonTree.Child(vp, "value")))
                {
                    Published = v.Find("published") is null ? null : Get(v, vp, "published", JsonValueKind.Number).Text,
                    Rank = v.Find("rank") is null ? null : Int(v, vp, "rank"),
                    Class = OptStr(v, vp, "class"),
                };
            }).ToImmutableArray();
            return new IndexResultOutput(Str(t, path, "id"), OptStr(t, path, "name"), values);
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

        private ImmutableSortedDictionary<string, string> Names(JsonTree t, string path)
        {
            if (t.Find("names") is null)
            {
                return ImmutableSortedDictionary<string, string>.Empty;
            }

            var names = Get(t, path, "names", JsonValueKind.Object);
            var b = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var prop in names.Properties!)
            {
                b[prop.Name] = Text(prop.Value, JsonTree.Child(JsonTree.Child(path, "names"), prop.Name));
            }

            return b.ToImmutable();
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
                    throw new DataException($"The result format has no property '{prop.Name}' here (expected: {string.Join(", ", allowed)}).", source, prop.Line, JsonTree.Child(path, prop.Name));
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

        private DataException Error(JsonTree at, string path, string message) => new(message, source, at.Line, path);

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
