// SYNTHETIC district data for the district-level variant of the Seoul sample. Deterministic: the same inputs give
// byte-identical output on every machine. Nothing here is real data.
using System.Globalization;
using System.Text;

namespace CompositeIndex.Samples.Seoul;

/// <summary>Generates a synthetic panel of Seoul's 25 districts (gu) from the city-level illustrative panel.</summary>
public static class DistrictData
{
    /// <summary>The 25 districts: id, English name, Korean name.</summary>
    public static IReadOnlyList<(string Id, string Name, string NameKo)> Districts { get; } =
    [
        ("jongno", "Jongno-gu", "종로구"), ("jung", "Jung-gu", "중구"), ("yongsan", "Yongsan-gu", "용산구"),
        ("seongdong", "Seongdong-gu", "성동구"), ("gwangjin", "Gwangjin-gu", "광진구"), ("dongdaemun", "Dongdaemun-gu", "동대문구"),
        ("jungnang", "Jungnang-gu", "중랑구"), ("seongbuk", "Seongbuk-gu", "성북구"), ("gangbuk", "Gangbuk-gu", "강북구"),
        ("dobong", "Dobong-gu", "도봉구"), ("nowon", "Nowon-gu", "노원구"), ("eunpyeong", "Eunpyeong-gu", "은평구"),
        ("seodaemun", "Seodaemun-gu", "서대문구"), ("mapo", "Mapo-gu", "마포구"), ("yangcheon", "Yangcheon-gu", "양천구"),
        ("gangseo", "Gangseo-gu", "강서구"), ("guro", "Guro-gu", "구로구"), ("geumcheon", "Geumcheon-gu", "금천구"),
        ("yeongdeungpo", "Yeongdeungpo-gu", "영등포구"), ("dongjak", "Dongjak-gu", "동작구"), ("gwanak", "Gwanak-gu", "관악구"),
        ("seocho", "Seocho-gu", "서초구"), ("gangnam", "Gangnam-gu", "강남구"), ("songpa", "Songpa-gu", "송파구"),
        ("gangdong", "Gangdong-gu", "강동구"),
    ];

    /// <summary>
    /// Creates the synthetic long CSV <c>unit,unit_name,name_ko,period,indicator,value</c>. For district d, indicator i:
    /// the 2022 value is the city's times <c>exp(0.25·z₁)</c>; the ratio of a later year to 2022 is the city's ratio
    /// times <c>exp(0.08·z₂ + δ_d·(year − 2022))</c>, with z standard normal draws from a SplitMix64 stream keyed by
    /// (seed, district, indicator, year) and δ_d a district trend in [−3 %, +3 %] a year. Values are rounded to 4
    /// significant decimals. Indicator cells missing for the city stay missing; district "jung" additionally lacks M07 in
    /// 2024, to show a per-unit indicator set.
    /// </summary>
    /// <param name="city">The city-level panel (unit <c>SEOUL</c>).</param>
    /// <param name="seed">The seed. The sample uses 20221.</param>
    /// <returns>The CSV text (LF line ends, invariant culture).</returns>
    public static string Generate(Panel city, ulong seed = 20221)
    {
        ArgumentNullException.ThrowIfNull(city);
        var sb = new StringBuilder("unit,unit_name,name_ko,period,indicator,value\n");
        var basePeriod = SeoulDefinition.BasePeriod;
        for (var d = 0; d < Districts.Count; d++)
        {
            var (id, name, ko) = Districts[d];
            var trend = (Uniform(seed, (ulong)d, 0, 0) * 0.06) - 0.03;
            for (var i = 0; i < city.Indicators.Length; i++)
            {
                var indicator = city.Indicators[i];
                var x0 = city.GetValue(indicator, "SEOUL", basePeriod);
                var base0 = x0 * Math.Exp(0.25 * Normal(seed, (ulong)d, (ulong)i + 1, 0));
                foreach (var period in city.Periods)
                {
                    var x = city.GetValue(indicator, "SEOUL", period);
                    if (double.IsNaN(x) || (id == "jung" && indicator == "M07" && period == "2024"))
                    {
                        continue;
                    }

                    var year = int.Parse(period, CultureInfo.InvariantCulture) - int.Parse(basePeriod, CultureInfo.InvariantCulture);
                    var value = period == basePeriod
                        ? base0
                        : base0 * (x / x0) * Math.Exp((0.08 * Normal(seed, (ulong)d, (ulong)i + 1, (ulong)year)) + (trend * year));
                    sb.Append(id).Append(',').Append(name).Append(',').Append(ko).Append(',').Append(period).Append(',').Append(indicator).Append(',')
                      .Append(Math.Round(value, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture)).Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    /// <summary>A standard normal draw (Box–Muller) keyed by the arguments.</summary>
    private static double Normal(ulong seed, ulong a, ulong b, ulong c)
    {
        var u1 = Uniform(seed, a, b, (c * 2) + 1);
        var u2 = Uniform(seed, a, b, (c * 2) + 2);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A uniform draw in (0, 1) from SplitMix64 over a key built from the arguments.</summary>
    private static double Uniform(ulong seed, ulong a, ulong b, ulong c)
    {
        var x = SplitMix(SplitMix(SplitMix(SplitMix(seed) ^ a) ^ b) ^ c);
        return ((x >> 11) + 0.5) / (1UL << 53);
    }

    private static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
