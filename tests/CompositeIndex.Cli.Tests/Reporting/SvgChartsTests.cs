using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using CompositeIndex.Reporting;

namespace CompositeIndex.Cli.Tests.Reporting;

public class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Bar_ThreeItems_ThreeBarsInAWellFormedStandaloneSvg()
    {
        var svg = SvgCharts.Bar([new("A", 10), new("B", 20), new("C", double.NaN)], new ChartOptions { Title = "T" });

        var doc = XElement.Parse(svg);
        Assert.Equal(Svg + "svg", doc.Name);
        Assert.Equal("DejaVu Sans, Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif", (string?)doc.Attribute("font-family")); // Latin first, then Korean fallbacks
        Assert.Equal(2, Marks(doc, "bar"));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "n/a");
    }

    [Fact]
    public void Bar_ValuesZeroTo100_BarLengthsProportionalToValues()
    {
        var doc = XElement.Parse(SvgCharts.Bar([new("A", 25), new("B", 100)], new ChartOptions { Minimum = 0, Maximum = 100 }));

        var widths = doc.Descendants(Svg + "rect").Where(r => Has(r, "bar")).Select(r => Num(r, "width")).ToList();
        Assert.Equal(4.0, widths[1] / widths[0], 2);
    }

    [Fact]
    public void Bar_NegativeValue_DrawsLeftOfZero()
    {
        var doc = XElement.Parse(SvgCharts.Bar([new("up", 2), new("down", -1)]));

        var zero = Num(doc.Descendants(Svg + "line").Single(l => Has(l, "zero")), "x1");
        var bars = doc.Descendants(Svg + "rect").Where(r => Has(r, "bar")).ToList();
        Assert.Equal(zero, Num(bars[0], "x"), 1);
        Assert.Equal(zero, Num(bars[1], "x") + Num(bars[1], "width"), 1);
    }

    [Fact]
    public void Bar_LabelsWithMarkup_AreEscaped()
    {
        var svg = SvgCharts.Bar([new("<b>&\"'", 1)]);

        Assert.Contains("&lt;b&gt;&amp;&quot;&#39;", svg, StringComparison.Ordinal);
        Assert.Contains(XElement.Parse(svg).Descendants(Svg + "text"), t => t.Value == "<b>&\"'");
    }

    [Fact]
    public void Bar_ControlCharactersInLabels_StillWellFormed()
    {
        var svg = SvgCharts.Bar([new("a\u0001b\uD800", 1)]);

        Assert.NotNull(XElement.Parse(svg));
    }

    [Fact]
    public void Bar_Numbers_AreInvariantWithAtMostTwoDecimals()
    {
        var svg = SvgCharts.Bar([new("A", 1.0 / 3), new("B", 2.0 / 3)], new ChartOptions { ValueFormat = "0.000" });

        Assert.Contains(">0.333<", svg, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]\\.[0-9]{3}\"", svg);
        Assert.DoesNotContain(",5", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Bar_SameInput_SameString()
    {
        BarItem[] items = [new("A", 1.5), new("B", 2.25)];

        Assert.Equal(SvgCharts.Bar(items), SvgCharts.Bar(items));
    }

    [Fact]
    public void Bar_LongLabel_IsShortenedWithFullTooltip()
    {
        var label = new string('x', 200);
        var doc = XElement.Parse(SvgCharts.Bar([new(label, 1)]));

        var text = doc.Descendants(Svg + "text").Single(t => Has(t, "label"));
        Assert.EndsWith("…", text.Nodes().OfType<XText>().Single().Value);
        Assert.Equal(label, text.Element(Svg + "title")!.Value);
    }

    [Theory]
    [InlineData("Q2")]
    [InlineData("F999999999")]
    [InlineData("N100")]
    public void Bar_BadValueFormat_ArgumentExceptionQuotingIt_BeforeDrawing(string format)
    {
        var e = Assert.Throws<ArgumentException>(() => SvgCharts.Bar([new("A", 1)], new ChartOptions { ValueFormat = format }));
        Assert.Contains(format, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bar_ValueFormatWithPrecision99_IsAccepted() =>
        Assert.Contains("1.5000", SvgCharts.Bar([new("A", 1.5)], new ChartOptions { ValueFormat = "F99" }), StringComparison.Ordinal);

    [Fact]
    public void Bar_WidthBelow200_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SvgCharts.Bar([new("A", 1)], new ChartOptions { Width = 100 }));
    }

    [Fact]
    public void StackedBar_PositiveAndNegativeSegments_StackOnBothSidesOfZero()
    {
        var doc = XElement.Parse(SvgCharts.StackedBar([new StackedBarItem("u", [3, -1, 2, double.NaN])], ["a", "b", "c", "d"]));

        var segs = doc.Descendants(Svg + "rect").Where(r => Has(r, "seg")).ToList();
        Assert.Equal(3, segs.Count);
        var zero = Num(doc.Descendants(Svg + "line").Single(l => Has(l, "zero")), "x1");
        Assert.Equal(zero, Num(segs[0], "x"), 1);
        Assert.Equal(Num(segs[0], "x") + Num(segs[0], "width"), Num(segs[2], "x"), 1);
        Assert.Equal(zero, Num(segs[1], "x") + Num(segs[1], "width"), 1);
        Assert.Contains(doc.Descendants(Svg + "text"), t => Has(t, "value") && t.Value == "4.0");
        Assert.Equal(4, doc.Descendants(Svg + "g").Single(g => Has(g, "legend")).Elements(Svg + "rect").Count());
    }

    [Fact]
    public void StackedBar_MoreSegmentsThanSeries_Throws()
    {
        Assert.Throws<ArgumentException>(() => SvgCharts.StackedBar([new StackedBarItem("u", [1, 2])], ["only"]));
    }

    [Fact]
    public void RankIntervals_MarksEveryUnitWithIntervalMedianAndNominal()
    {
        RankIntervalItem[] items = [new("A", 1, 1, 2) { Nominal = 1 }, new("B", 1, 2, 3) { Nominal = 2 }, new("C", 2, 3, 3)];
        var doc = XElement.Parse(SvgCharts.RankIntervals(items));

        Assert.Equal(3, Marks(doc, "interval"));
        Assert.Equal(3, Marks(doc, "median"));
        Assert.Equal(2, Marks(doc, "nominal"));
        var lines = doc.Descendants(Svg + "line").Where(l => Has(l, "interval")).ToList();
        Assert.True(Num(lines[0], "x1") < Num(lines[0], "x2"));
        Assert.Equal(Num(lines[1], "x1"), Num(lines[0], "x1"), 2); // both start at rank 1
    }

    [Fact]
    public void SensitivityIndices_PairsOfBarsWithConfidenceWhiskers()
    {
        SensitivityIndexItem[] items = [new("weights", 0.6, 0.05, 0.7, 0.04), new("normalisation", -0.01, 0.02, 0.2, double.NaN)];
        var doc = XElement.Parse(SvgCharts.SensitivityIndices(items));

        Assert.Equal(2, Marks(doc, "s1"));
        Assert.Equal(2, Marks(doc, "st"));
        Assert.Equal(3, doc.Descendants(Svg + "g").Count(g => Has(g, "ci")));
        var negative = doc.Descendants(Svg + "rect").Where(r => Has(r, "s1")).ElementAt(1);
        var zero = Num(doc.Descendants(Svg + "line").Single(l => Has(l, "zero")), "x1");
        Assert.Equal(zero, Num(negative, "x") + Num(negative, "width"), 1);
    }

    [Fact]
    public void Heatmap_ThreeByThree_NineCellsWithDivergingColours()
    {
        var m = new LabeledMatrix(["a", "b", "c"], [1, -1, 0, -1, 1, double.NaN, 0, double.NaN, 1]);
        var doc = XElement.Parse(SvgCharts.Heatmap(m));

        var cells = doc.Descendants(Svg + "rect").Where(r => Has(r, "cell")).Select(r => (string?)r.Attribute("fill")).ToList();
        Assert.Equal(9, cells.Count);
        Assert.Equal("#b2182b", cells[0]);
        Assert.Equal("#2166ac", cells[1]);
        Assert.Equal("#f7f7f7", cells[2]);
        Assert.Equal("#dddddd", cells[5]);
    }

    [Fact]
    public void LabeledMatrix_WrongNumberOfValues_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LabeledMatrix(["a", "b"], [1, 2, 3]));
    }

    [Theory]
    [InlineData(0, 100, 0, 100)]
    [InlineData(3.2, 97.6, 0, 100)]
    [InlineData(-0.03, 0.71, -0.2, 0.8)]
    [InlineData(1, 191, 0, 200)]
    public void Axis_NiceRange_CoversTheData(double lo, double hi, double niceLo, double niceHi)
    {
        var axis = new Axis(lo, hi, 0, 100);

        Assert.Equal(niceLo, axis.Lo, 9);
        Assert.Equal(niceHi, axis.Hi, 9);
        Assert.Equal(axis.Lo, axis.Ticks().First(), 9);
        Assert.Equal(axis.Hi, axis.Ticks().Last(), 9);
    }

    [Fact]
    public void Axis_EmptyRange_IsWidenedAroundTheValue()
    {
        var axis = new Axis(5, 5, 0, 100);

        Assert.True(axis.Lo < 5 && axis.Hi > 5);
        Assert.Equal(50, axis.Map(5), 9);
    }

    private static bool Has(XElement e, string cssClass) => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true;

    private static int Marks(XElement svg, string cssClass) => svg.Descendants().Count(e => Has(e, cssClass));

    private static double Num(XElement e, string attribute) => double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
