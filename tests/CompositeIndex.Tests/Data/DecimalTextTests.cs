using System.Globalization;
using System.Text;

namespace CompositeIndex.Tests.Data;

/// <summary>The reader's exact fast path for plain decimals against the BCL's correctly rounded parser, bit for bit.</summary>
public class DecimalTextTests
{
    private static long Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("+7")]
    [InlineData("31200")]
    [InlineData("71.2")]
    [InlineData("0.1")]
    [InlineData("0.3")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("-.25")]
    [InlineData("999999999999999")] // 15 digits: the largest on the fast path
    [InlineData("0.000000000000000000001")] // 21 decimals
    [InlineData("123456789.012345")]
    [InlineData("0.0000000000000000000000")] // 22 decimals, no significant digit
    [InlineData("000123.4500")]
    public void FastPath_SameBitsAsDoubleParse(string text)
    {
        Assert.True(DecimalText.TryParse(text, '.', out var fast), text);
        Assert.Equal(Bits(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture)), Bits(fast));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e5")]
    [InlineData("1.5e-3")]
    [InlineData("9999999999999999")] // 16 significant digits: the general parser decides
    [InlineData("0.12345678901234567")]
    [InlineData("1.00000000000000000000000")] // 23 decimals
    [InlineData("1,5")]
    [InlineData("1.2.3")]
    [InlineData("--1")]
    [InlineData(" 1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("١٢")] // Arabic-Indic digits are not ASCII digits
    public void OtherText_LeftToTheGeneralParser(string text) => Assert.False(DecimalText.TryParse(text, '.', out _), text);

    [Fact]
    public void DecimalComma_CommaIsTheSeparator_DotIsNot()
    {
        Assert.True(DecimalText.TryParse("-1,25", ',', out var v));
        Assert.Equal(-1.25, v);
        Assert.False(DecimalText.TryParse("1.25", ',', out _));
    }

    /// <summary>Two million random decimals (signs, leading zeros, 0–17 integer and 0–24 fraction digits): wherever the fast path answers, it is double.Parse's value bit for bit, and it answers for a large share.</summary>
    [Fact]
    public void RandomDecimals_FastPathEqualsDoubleParse()
    {
        var random = new Random(11);
        var sb = new StringBuilder();
        var fast = 0;
        const int Count = 2_000_000;
        for (var k = 0; k < Count; k++)
        {
            sb.Clear();
            if (random.Next(3) == 0)
            {
                sb.Append(random.Next(2) == 0 ? '-' : '+');
            }

            var zeroFirst = random.Next(4) == 0;
            for (var q = random.Next(0, 18); q > 0; q--)
            {
                sb.Append((char)('0' + (zeroFirst ? 0 : random.Next(10))));
                zeroFirst = false;
            }

            if (random.Next(4) != 0)
            {
                sb.Append('.');
                for (var q = random.Next(0, 25); q > 0; q--)
                {
                    sb.Append((char)('0' + random.Next(10)));
                }
            }

            var text = sb.ToString();
            if (DecimalText.TryParse(text, '.', out var value))
            {
                fast++;
                Assert.True(double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected), text);
                Assert.True(Bits(expected) == Bits(value), $"'{text}': {value:R} vs {expected:R}");
            }
        }

        Assert.InRange(fast, Count / 3, Count);
    }

    [Fact]
    public void Reader_PlainAndGeneralNumbers_AsDoubleParse()
    {
        var csv = "unit,period,indicator,value\na,2024,x,0.1\nb,2024,x,-0\nc,2024,x,1e-7\nd,2024,x, 12.5 \ne,2024,x,12345678901234567890\n";
        var panel = Panel.ReadLongCsv(new StringReader(csv), "t.csv", null);
        string[] texts = ["0.1", "-0", "1e-7", "12.5", "12345678901234567890"];
        string[] units = ["a", "b", "c", "d", "e"];
        for (var i = 0; i < units.Length; i++)
        {
            Assert.Equal(Bits(double.Parse(texts[i], NumberStyles.Float, CultureInfo.InvariantCulture)), Bits(panel.GetValue("x", units[i], "2024")));
        }
    }
}
