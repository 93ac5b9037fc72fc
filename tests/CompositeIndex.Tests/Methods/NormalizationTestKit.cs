using CompositeIndex.Extensibility;

namespace CompositeIndex.Tests.Methods;

/// <summary>Runs one normalisation method on a single indicator, outside any index.</summary>
internal static class NormalizationTestKit
{
    /// <summary>Normalises <paramref name="values"/> given per period (rows = periods, columns = units).</summary>
    public static (double[][] Output, List<NormalizationParameter> Parameters) Run(
        NormalizationMethod method, Polarity polarity, string[] periods, params double[][] values)
    {
        var units = Enumerable.Range(0, values[0].Length).Select(i => $"u{i}").ToArray();
        var input = values.SelectMany(v => v).ToArray();
        var output = new double[input.Length];
        var parameters = new List<NormalizationParameter>();
        var ctx = new NormalizationContext("x", polarity, [.. units], [.. periods], input, 0, output, 0, parameters);
        method.Normalize(ctx);
        return (Enumerable.Range(0, periods.Length).Select(p => output.Skip(p * units.Length).Take(units.Length).ToArray()).ToArray(), parameters);
    }

    public static double[] One(NormalizationMethod method, Polarity polarity, params double[] values) =>
        Run(method, polarity, ["2020"], values).Output[0];
}
