namespace CompositeIndex.Tests.Parquet;

/// <summary>CSV files as tables, with the core's RFC 4180 tokenizer (uses the core's internals).</summary>
internal static partial class ParquetFixture
{
    public static Table ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        var csv = new CsvTokenizer(reader, path);
        var header = csv.ReadRecord()!.ToArray();
        var rows = new List<string[]>();
        while (csv.ReadRecord() is { } record)
        {
            rows.Add([.. record]);
        }

        return new Table(header, rows);
    }
}
