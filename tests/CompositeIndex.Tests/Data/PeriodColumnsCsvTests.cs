namespace CompositeIndex.Tests.Data;

/// <summary>
/// <see cref="PeriodColumnsCsv"/> (one CSV per indicator, a row per unit, a column per period; ND-GAIN's layout) on small
/// hand-written files: the values land where they should, and every malformed input is a typed error naming the file
/// (and, where there is one, the CSV line and column).
/// </summary>
public sealed class PeriodColumnsCsvTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("period-columns-").FullName;

    private static CsvOptions Options => new() { UnitColumn = "ISO3", UnitNameColumn = "Name", MissingTokens = [""] };

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Read_TwoFiles_UnionOfUnitsAndPeriods_ValuesInPlace()
    {
        var gdp = Write("gdp.csv", "ISO3,Name,2000,2001\nAFG,Afghanistan,1.5,\nALB,Albania,2,2.25\n");
        var co2 = Write("co2.csv", "ISO3,Name,2001,2002\nALB,Albania,7,8\nDZA,Algeria,9,10\n");

        var panel = PeriodColumnsCsv.Read([new("gdp", gdp), new("co2", co2)], Options);

        Assert.Equal(["gdp", "co2"], panel.Indicators.ToArray());
        Assert.Equal(["AFG", "ALB", "DZA"], panel.Units.ToArray());
        Assert.Equal(["2000", "2001", "2002"], panel.Periods.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(1.5, panel.GetValue("gdp", "AFG", "2000"));
        Assert.True(double.IsNaN(panel.GetValue("gdp", "AFG", "2001")));
        Assert.Equal(2.25, panel.GetValue("gdp", "ALB", "2001"));
        Assert.Equal(8, panel.GetValue("co2", "ALB", "2002"));
        Assert.True(double.IsNaN(panel.GetValue("co2", "AFG", "2001")));
        Assert.True(double.IsNaN(panel.GetValue("gdp", "DZA", "2000")));
    }

    [Fact]
    public void Read_MissingFile_NamesTheIndicatorAndThePath()
    {
        var path = Path.Combine(folder, "no-such", "raw.csv");

        var ex = Assert.Throws<IndexDataException>(() => PeriodColumnsCsv.Read([new("gdp", path)], Options));

        Assert.Equal(path, ex.DataSource);
        Assert.Contains("'gdp'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextCell_NamesFileLineAndPeriodColumn()
    {
        var ok = Write("gdp.csv", "ISO3,Name,2000\nAFG,Afghanistan,1\n");
        var bad = Write("co2.csv", "ISO3,Name,2000,2001\nAFG,Afghanistan,1,2\nALB,Albania,3,n/a\n");

        var ex = Assert.Throws<IndexDataException>(() => PeriodColumnsCsv.Read([new("gdp", ok), new("co2", bad)], Options));

        Assert.Contains("co2.csv", ex.DataSource, StringComparison.Ordinal);
        Assert.Equal(3, ex.Line);
        Assert.Equal("2001", ex.Column);
        Assert.Contains("'n/a' is not a number", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicatePeriodColumn_NamesFileHeaderLineAndColumn()
    {
        var bad = Write("gdp.csv", "ISO3,Name,2000,2001,2000\nAFG,Afghanistan,1,2,3\n");

        var ex = Assert.Throws<IndexDataException>(() => PeriodColumnsCsv.Read([new("gdp", bad)], Options));

        Assert.Contains("gdp.csv", ex.DataSource, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
        Assert.Equal("2000", ex.Column);
        Assert.Contains("twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_NamesFileAndLine1()
    {
        var empty = Write("gdp.csv", string.Empty);

        var ex = Assert.Throws<IndexDataException>(() => PeriodColumnsCsv.Read([new("gdp", empty)], Options));

        Assert.Contains("gdp.csv", ex.DataSource, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateUnitRow_NamesFileAndBothLines_WithoutAnInternalPeriodLabel()
    {
        var bad = Write("gdp.csv", "ISO3,Name,2000\nAFG,Afghanistan,1\nALB,Albania,2\nAFG,Afghanistan,3\n");

        var ex = Assert.Throws<IndexDataException>(() => PeriodColumnsCsv.Read([new("gdp", bad)], Options));

        Assert.Contains("gdp.csv", ex.DataSource, StringComparison.Ordinal);
        Assert.Equal(4, ex.Line);
        Assert.Contains("'AFG'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u0000', ex.Message);
    }

    [Fact]
    public void Read_MissingUnitColumn_NamesFileLine1AndTheColumn()
    {
        var bad = Write("gdp.csv", "Code,Name,2000\nAFG,Afghanistan,1\n");

        var ex = Assert.Throws<IndexDataException>(() => PeriodColumnsCsv.Read([new("gdp", bad)], Options));

        Assert.Contains("gdp.csv", ex.DataSource, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
        Assert.Equal("ISO3", ex.Column);
    }

    [Fact]
    public void Read_SameIndicatorTwice_IsAnArgumentError()
    {
        var gdp = Write("gdp.csv", "ISO3,Name,2000\nAFG,Afghanistan,1\n");

        var ex = Assert.Throws<ArgumentException>(() => PeriodColumnsCsv.Read([new("gdp", gdp), new("gdp", gdp)], Options));

        Assert.Contains("'gdp'", ex.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
