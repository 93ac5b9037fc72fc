using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CompositeIndex.Tests.Excel;

/// <summary>
/// Writes test workbooks with the Open XML SDK directly (not with the library under test), the way Excel stores cells:
/// numbers as numeric cells in shortest round-trip form, text in the shared string table, errors as error cells.
/// </summary>
internal static partial class XlsxFixture
{
    /// <summary>Evaluates a definition on two panels and asserts every result row's score (bit for bit) and rank agree; returns the number of rows compared.</summary>
    public static int AssertSameResults(IndexDefinition definition, Panel expected, Panel actual)
    {
        var a = CompiledIndex.Compile(definition).Evaluate(expected).Rows().ToList();
        var b = CompiledIndex.Compile(definition).Evaluate(actual).Rows().ToList();
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(a[i].Score), BitConverter.DoubleToInt64Bits(b[i].Score));
            Assert.Equal(a[i].Rank, b[i].Rank);
        }

        return a.Count;
    }

    /// <summary>A cell to write: a number, a text, an error value (<see cref="Error"/>) or null for no cell.</summary>
    public sealed record Error(string Text);

    /// <summary>Writes sheets of cells (row-major; a null cell is left out, as Excel leaves empty cells out).</summary>
    public static void Write(string path, params (string Name, IReadOnlyList<object?[]> Rows)[] sheets)
    {
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        var sheetList = wb.Workbook.AppendChild(new Sheets());
        var shared = new List<string>();
        var sharedIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        uint id = 1;
        foreach (var (name, rows) in sheets)
        {
            var part = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = Column(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case double d:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d.ToString("R", CultureInfo.InvariantCulture)) });
                            break;
                        case Error e:
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.Error, CellValue = new CellValue(e.Text) });
                            break;
                        case string s:
                            if (!sharedIndex.TryGetValue(s, out var k))
                            {
                                k = shared.Count;
                                sharedIndex[s] = k;
                                shared.Add(s);
                            }

                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(k.ToString(CultureInfo.InvariantCulture)) });
                            break;
                    }
                }

                data.Append(row);
            }

            part.Worksheet = new Worksheet(data);
            sheetList.Append(new Sheet { Name = name, SheetId = id++, Id = wb.GetIdOfPart(part) });
        }

        var sst = wb.AddNewPart<SharedStringTablePart>();
        sst.SharedStringTable = new SharedStringTable(shared.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })));
        wb.Workbook.Save();
    }

    /// <summary>Reads every cell of a sheet back with the Open XML SDK: (reference → (type, value text, has formula)).</summary>
    public static Dictionary<string, (string Type, string Text, bool Formula)> Cells(string path, string sheetName)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var sheet = wb.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var cells = new Dictionary<string, (string, string, bool)>(StringComparer.Ordinal);
        foreach (var cell in part.Worksheet.Descendants<Cell>())
        {
            var t = cell.DataType?.Value;
            var type = t is null || t == CellValues.Number ? "n" : t == CellValues.InlineString ? "inlineStr" : t == CellValues.SharedString ? "s"
                : t == CellValues.String ? "str" : t == CellValues.Error ? "e" : t == CellValues.Boolean ? "b" : "other";
            var text = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                : cell.CellValue?.Text ?? string.Empty;
            cells[cell.CellReference!.Value!] = (type, text, cell.CellFormula is not null);
        }

        return cells;
    }

    public static IReadOnlyList<string> SheetNames(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        return [.. doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];
    }

    public static string Column(int c)
    {
        var s = string.Empty;
        for (c++; c > 0; c = (c - 1) / 26)
        {
            s = (char)('A' + ((c - 1) % 26)) + s;
        }

        return s;
    }
}
