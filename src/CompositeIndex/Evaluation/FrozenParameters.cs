using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace CompositeIndex;

/// <summary>
/// Normalisation parameters fixed in advance, to evaluate an index without fitting on the data: e.g. keep the min and
/// max of 2022–2023 to score 2024, so that the series stays comparable (the usual practice of fixed goalposts, with the
/// goalposts taken from earlier data). Give them to <see cref="CompiledIndex.Evaluate(Panel, FrozenParameters, CancellationToken)"/>.
/// </summary>
/// <remarks>
/// <para>The parameters are the named values a result records (<see cref="IndexResult.Parameters"/>, the result JSON's
/// <c>"parameters"</c>): take them from a result (<see cref="From(IndexResult)"/>), from a result JSON file or a
/// parameters file <c>{ "parameters": [{ "indicator", "period"?, "name", "value" }] }</c> (<see cref="ReadFile"/>).</para>
/// <para>Which parameters apply to indicator <c>i</c> in period <c>t</c>: those recorded for <c>(i, t)</c>; else those
/// recorded for <c>i</c> without a period (a pooled fit); else those of the last period recorded for <c>i</c> (carried
/// forward: parameters of 2024 score 2025). Data-fitted methods (<see cref="FittedNormalization{TParameters}"/>) apply
/// them; a data-fitted indicator without frozen parameters is fitted on the data (the result's audit says so). Methods
/// without fitted parameters are unaffected: goalposts are fixed already, and rank-based methods (rank, percentile
/// rank, Borda, categorical), whose "fit" is the whole distribution, always compute from the data evaluated.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class FrozenParameters
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, double>>> byIndicator;
    private readonly Dictionary<string, string> lastPeriod;

    private FrozenParameters(ImmutableArray<NormalizationParameter> parameters)
    {
        Parameters = parameters;
        byIndicator = new(StringComparer.Ordinal);
        lastPeriod = new(StringComparer.Ordinal);
        foreach (var prm in parameters)
        {
            if (!byIndicator.TryGetValue(prm.IndicatorId, out var periods))
            {
                byIndicator[prm.IndicatorId] = periods = new(StringComparer.Ordinal);
            }

            var key = prm.Period ?? string.Empty;
            if (!periods.TryGetValue(key, out var values))
            {
                periods[key] = values = new(StringComparer.Ordinal);
            }

            values[prm.Name] = prm.Value;
            if (prm.Period is not null)
            {
                lastPeriod[prm.IndicatorId] = prm.Period;
            }
        }
    }

    /// <summary>Gets the parameters, as given.</summary>
    public ImmutableArray<NormalizationParameter> Parameters { get; }

    /// <summary>Freezes the parameters a result fitted.</summary>
    /// <param name="result">The result.</param>
    /// <returns>Its <see cref="IndexResult.Parameters"/>, frozen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is <see langword="null"/>.</exception>
    public static FrozenParameters From(IndexResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new FrozenParameters(result.Parameters);
    }

    /// <summary>Freezes given parameters.</summary>
    /// <param name="parameters">The parameters (indicator, period or <see langword="null"/> for all periods, name, value).</param>
    /// <returns>The frozen parameters.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parameters"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="IndexDataException">A value is not finite.</exception>
    public static FrozenParameters From(IEnumerable<NormalizationParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToImmutableArray();
        foreach (var prm in list)
        {
            ArgumentNullException.ThrowIfNull(prm);
            if (!double.IsFinite(prm.Value))
            {
                throw new IndexDataException($"The frozen parameter '{prm.Name}' of indicator '{prm.IndicatorId}' is not finite.");
            }
        }

        return new FrozenParameters(list);
    }

    /// <summary>Reads the <c>"parameters"</c> of a result JSON file or of a parameters file (<c>{ "parameters": [...] }</c>).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The frozen parameters.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="IndexDataException">The file cannot be read, is not JSON, or has no valid <c>"parameters"</c> array (the message names the JSONPath).</exception>
    public static FrozenParameters ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var source = Path.GetFileName(path);
        try
        {
            using var stream = File.OpenRead(path);
            using var doc = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("parameters", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new IndexDataException("Expected an object with a \"parameters\" array (a result JSON or a parameters file).", source, column: "$.parameters");
            }

            var list = ImmutableArray.CreateBuilder<NormalizationParameter>();
            var k = 0;
            foreach (var item in array.EnumerateArray())
            {
                var at = $"$.parameters[{k.ToString(CultureInfo.InvariantCulture)}]";
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("indicator", out var indicator) || indicator.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var v) || !double.IsFinite(v)
                    || (item.TryGetProperty("period", out var period) && period.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)))
                {
                    throw new IndexDataException("Expected { \"indicator\": string, \"period\"?: string, \"name\": string, \"value\": finite number }.", source, column: at);
                }

                list.Add(new NormalizationParameter(indicator.GetString()!, period.ValueKind == JsonValueKind.String ? period.GetString() : null, name.GetString()!, v));
                k++;
            }

            return new FrozenParameters(list.ToImmutable());
        }
        catch (JsonException ex)
        {
            throw new IndexDataException($"The file is not JSON: {ex.Message}", source, ex.LineNumber + 1, inner: ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot read the file: {ex.Message}", path, inner: ex);
        }
    }

    /// <summary>Whether any parameter is given for an indicator.</summary>
    internal bool Has(string indicatorId) => byIndicator.ContainsKey(indicatorId);

    /// <summary>The named values that apply to an indicator in a period (see the remarks), or <see langword="null"/> when none do.</summary>
    internal IReadOnlyDictionary<string, double>? For(string indicatorId, string period)
    {
        if (!byIndicator.TryGetValue(indicatorId, out var periods))
        {
            return null;
        }

        if (periods.TryGetValue(period, out var values) || periods.TryGetValue(string.Empty, out values))
        {
            return values;
        }

        return lastPeriod.TryGetValue(indicatorId, out var last) ? periods[last] : null;
    }
}
