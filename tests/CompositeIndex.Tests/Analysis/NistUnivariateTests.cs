using System.Globalization;
using CompositeIndex.Analysis;

namespace CompositeIndex.Tests.Analysis;

/// <summary>
/// <see cref="IndexStatistics"/> against NIST's Statistical Reference Datasets (univariate), certified to 15 significant
/// digits. Accuracy is the log relative error LRE = −log10(|estimate − certified|/|certified|), capped at 15 (exact).
/// </summary>
/// <remarks>
/// <para>Digits achieved against the certified values (asserted per set below): mean 15 on all eight sets; standard
/// deviation 15 on Lew, Lottery, NumAcc1, NumAcc2, 13.8 on Michelso, 13.1 on Mavro, 9.46 on NumAcc3 and 8.25 on
/// NumAcc4; r(1) 15 on NumAcc1–4, 14.99 Lottery, 14.84 Lew, 13.75 Mavro, 13.44 Michelso.</para>
/// <para>NumAcc3/NumAcc4 are limited by the input, not the algorithm: 1000000.1 or 10000000.1 is not a binary64
/// number, and the rounding of the inputs alone moves the true standard deviation of the stored doubles in the 9th–10th
/// digit (the same ceiling McCullough 1998, "Assessing the reliability of statistical software: Part I", <i>The American
/// Statistician</i> 52(4), reports for double-precision packages). The second test proves the algorithm loses nothing:
/// against the exact standard deviation of the stored doubles (computed in BigInteger rational arithmetic) every set
/// reaches 15 digits (asserted: at least 14).</para>
/// </remarks>
public class NistUnivariateTests
{
    /// <summary>
    /// The eight sets with the digits the double path must reach against the certified values (mean, sd, r(1)); the
    /// one list of sets for every test here.
    /// </summary>
    public static TheoryData<string, double, double, double> Sets => new()
    {
        { "Lew", 15, 15, 14.8 },
        { "Lottery", 15, 15, 14.9 },
        { "Mavro", 15, 13.1, 13.7 },
        { "Michelso", 15, 13.8, 13.4 },
        { "NumAcc1", 15, 15, 15 },
        { "NumAcc2", 15, 15, 15 },
        { "NumAcc3", 15, 9.4, 15 },
        { "NumAcc4", 15, 8.2, 15 },
    };

    /// <summary>The names of the sets in <see cref="Sets"/>, for the tests that need no digits.</summary>
    public static TheoryData<string> SetNames => new(Sets.Select(row => (string)row[0]));

    [SharedDataTheory("nist-strd")]
    [MemberData(nameof(Sets))]
    public void Statistics_NistSet_MatchesCertifiedToStatedDigits(string set, double meanDigits, double sdDigits, double r1Digits)
    {
        var (data, mean, sd, r1, n) = Read(set);
        Assert.Equal(n, data.Length);
        var lreMean = Lre(IndexStatistics.Mean(data), mean);
        var lreSd = Lre(IndexStatistics.StandardDeviation(data), sd);
        var lreR1 = Lre(IndexStatistics.Lag1Autocorrelation(data), r1);
        Assert.True(lreMean >= meanDigits && lreSd >= sdDigits && lreR1 >= r1Digits, $"{set}: LRE mean {lreMean:F2}, sd {lreSd:F2}, r1 {lreR1:F2}");
    }

    [SharedDataTheory("nist-strd")]
    [MemberData(nameof(SetNames))]
    public void StandardDeviation_NistSetAsStoredDoubles_MatchesExactRationalTo14Digits(string set)
    {
        var data = Read(set).Data;
        var exact = ExactStandardDeviation(data);
        var lre = Lre(IndexStatistics.StandardDeviation(data), exact);
        Assert.True(lre >= 14, $"{set}: LRE {lre:F1} against the exact sd of the stored doubles");
    }

    /// <summary>
    /// The decimal path (<see cref="DecimalStatistics"/>, data kept as the file's text) reaches the certified digits on
    /// every set, including NumAcc3/NumAcc4 where no double algorithm can. Digits achieved (LRE against the 15-digit
    /// certified values, computed in decimal, capped at 15): mean 15, sd 15 on all eight sets; r(1) 15 on all but
    /// Lew 14.83 and Lottery 14.96 (certified values are themselves rounded to 15 digits). Asserted: mean 15, sd and
    /// r(1) at least 14 (the bar is sd ≥ 13 on NumAcc4).
    /// </summary>
    /// <remarks>
    /// PiDigits (NIST's ninth univariate set) is not tested: it is not in the shared data (see its README), and it
    /// cannot be regenerated, because NIST's file is not exactly the first 5000 digits of π: those sum to 22679
    /// (mean 4.5358, sd 2.86768) while the certified mean 4.5348 needs a sum of 22674. Its digits are small exact
    /// integers, the easiest case for both paths.
    /// </remarks>
    [SharedDataTheory("nist-strd")]
    [MemberData(nameof(SetNames))]
    public void DecimalStatistics_NistSetFromText_MatchesCertifiedMean15SdAndR1To14Digits(string set)
    {
        var lines = File.ReadAllLines(SharedData.PathOf("nist-strd", "univariate", set + ".dat"));
        decimal Last(string key) => decimal.Parse(lines.First(l => l.Contains(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
        var start = Array.FindIndex(lines, l => l.StartsWith("Data:", StringComparison.Ordinal) && l.TrimEnd().EndsWith('Y')) + 2;
        var data = DecimalStatistics.Parse(lines.Skip(start).Where(l => !string.IsNullOrWhiteSpace(l)), set);
        Assert.Equal((int)Last("Number of Observations"), data.Length);
        AssertDecimalDigits(set, data, Last("Sample Mean"), Last("Sample Standard Deviation"), Last("Autocorrelation Coefficient"));
    }

    private static void AssertDecimalDigits(string set, decimal[] data, decimal mean, decimal sd, decimal r1)
    {
        var lreMean = Lre(DecimalStatistics.Mean(data), mean);
        var lreSd = Lre(DecimalStatistics.StandardDeviation(data), sd);
        var lreR1 = Lre(DecimalStatistics.Lag1Autocorrelation(data), r1);
        Assert.True(lreMean >= 15 && lreSd >= 14 && lreR1 >= 14, $"{set}: decimal LRE mean {lreMean:F2}, sd {lreSd:F2}, r1 {lreR1:F2}");
    }

    internal static double Lre(decimal estimate, decimal certified)
    {
        if (estimate == certified)
        {
            return 15;
        }

        var rel = certified == 0 ? Math.Abs(estimate) : Math.Abs(estimate - certified) / Math.Abs(certified);
        return Math.Min(15, -Math.Log10((double)rel));
    }

    /// <summary>The exact sample sd of binary64 values: integers X = x·2^k, var = (nΣX² − (ΣX)²)/(n(n − 1))·2^(−2k).</summary>
    internal static double ExactStandardDeviation(double[] x)
    {
        const int Shift = 1100;
        var n = x.Length;
        var xs = x.Select(v =>
        {
            var bits = BitConverter.DoubleToInt64Bits(v);
            var exp = (int)((bits >> 52) & 0x7FF);
            long mant = bits & 0xFFFFFFFFFFFFFL;
            if (exp == 0)
            {
                exp = 1;
            }
            else
            {
                mant |= 1L << 52;
            }

            var value = new System.Numerics.BigInteger(mant) << (exp - 1075 + Shift);
            return v < 0 ? -value : value;
        }).ToArray();
        var sum = xs.Aggregate(System.Numerics.BigInteger.Zero, (a, b) => a + b);
        var sumSq = xs.Aggregate(System.Numerics.BigInteger.Zero, (a, b) => a + (b * b));
        var num = (n * sumSq) - (sum * sum);
        var den = new System.Numerics.BigInteger(n) * (n - 1);

        // var = num / den · 2^(−2·Shift); keep 120 bits of the quotient.
        var scaled = (num << 120) / den;
        var variance = Math.Exp((System.Numerics.BigInteger.Log(scaled) - ((120 + (2 * Shift)) * Math.Log(2))));
        var bitsLength = (int)scaled.GetBitLength();
        var top = (double)(scaled >> Math.Max(0, bitsLength - 62));
        variance = Math.ScaleB(top, Math.Max(0, bitsLength - 62) - 120 - (2 * Shift));
        return Math.Sqrt(variance);
    }

    internal static double Lre(double estimate, double certified)
    {
        if (estimate == certified)
        {
            return 15;
        }

        var rel = certified == 0 ? Math.Abs(estimate) : Math.Abs(estimate - certified) / Math.Abs(certified);
        return Math.Min(15, -Math.Log10(rel));
    }

    private static (double[] Data, double Mean, double Sd, double R1, int N) Read(string set)
    {
        var lines = File.ReadAllLines(SharedData.PathOf("nist-strd", "univariate", set + ".dat"));
        double Last(string key) => double.Parse(lines.First(l => l.Contains(key, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1], CultureInfo.InvariantCulture);
        var mean = Last("Sample Mean");
        var sd = Last("Sample Standard Deviation");
        var r1 = Last("Autocorrelation Coefficient");
        var n = (int)Last("Number of Observations");
        var start = Array.FindIndex(lines, l => l.StartsWith("Data:", StringComparison.Ordinal) && l.TrimEnd().EndsWith('Y')) + 2;
        var data = lines.Skip(start).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => double.Parse(l.Trim(), CultureInfo.InvariantCulture)).ToArray();
        return (data, mean, sd, r1, n);
    }
}
