using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CompositeIndex.Tests.Data;

/// <summary>The span-based CSV source (no string per field) against the reference tokenizer, the cell store and cancellation.</summary>
public class CsvReaderStreamingTests
{
    private static List<(long Line, string[] Fields)> Reference(string text, char separator)
    {
        var t = new CsvTokenizer(new StringReader(text), "t", separator);
        var records = new List<(long, string[])>();
        while (t.ReadRecord() is { } r)
        {
            records.Add((t.RecordLine, [.. r]));
        }

        return records;
    }

    private static List<(long Line, string[] Fields)> Spans(string text, char separator, int bufferSize)
    {
        var s = new CsvTableSource(new StringReader(text), "t", separator, bufferSize);
        var records = new List<(long, string[])>();
        while (s.Read())
        {
            records.Add((s.Position, [.. Enumerable.Range(0, s.FieldCount).Select(i => s.GetSpan(i).ToString())]));
        }

        return records;
    }

    private static string Outcome(Func<List<(long Line, string[] Fields)>> read)
    {
        try
        {
            return string.Join("\n", read().Select(r => r.Line + ":" + string.Join("|", r.Fields.Select(f => "[" + f + "]"))));
        }
        catch (IndexDataException ex)
        {
            return "error: " + ex.Message;
        }
    }

    /// <summary>Random CSV made of the characters that matter (separators, quotes, CR, LF, text), read with buffers from 1 character up: the same records, fields and line numbers (or the same error) as the reference tokenizer.</summary>
    [Property(MaxTest = 400)]
    public Property SpanSource_EqualsReferenceTokenizer_ForAnyTextAndBufferSize()
    {
        var pieces = new[] { ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", "a", "bc", "1.5", " ", "종", "" };
        var gen = Gen.Elements(pieces).ListOf().Select(l => string.Concat(l));
        return Prop.ForAll(
            gen.ToArbitrary(),
            Gen.Elements(1, 2, 3, 7, 64, 1 << 16).ToArbitrary(),
            Gen.Elements(',', ';').ToArbitrary(),
            (text, size, sep) => Outcome(() => Reference(text, sep)) == Outcome(() => Spans(text, sep, size)));
    }

    /// <summary>
    /// Long random CSV (thousands of records: unquoted fields of 0–40 characters, quoted ones with separators, quotes and
    /// line breaks, CRLF/LF/CR ends, blank lines) so the 32-character special-character masks are built and reused across
    /// fields, records and buffer refills: the same records, fields and line numbers as the reference tokenizer.
    /// </summary>
    [Theory]
    [InlineData(1, 33)]
    [InlineData(2, 64)]
    [InlineData(3, 100)]
    [InlineData(4, 1 << 16)]
    public void SpanSource_LongRandomText_EqualsReferenceTokenizer(int seed, int bufferSize)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (var r = 0; r < 3000; r++)
        {
            var fields = random.Next(1, 9);
            for (var f = 0; f < fields; f++)
            {
                if (f > 0)
                {
                    sb.Append(',');
                }

                var kind = random.NextDouble();
                if (kind < 0.7)
                {
                    for (var k = random.Next(0, 41); k > 0; k--)
                    {
                        sb.Append("abcdefghij0123456789. 종"[random.Next(23)]);
                    }
                }
                else if (kind < 0.9)
                {
                    sb.Append('"');
                    for (var k = random.Next(0, 13); k > 0; k--)
                    {
                        sb.Append(random.Next(6) switch { 0 => ",", 1 => "\n", 2 => "\r\n", 3 => "\"\"", _ => "x" });
                    }

                    sb.Append('"');
                }
                else
                {
                    sb.Append(new string('w', random.Next(60, 200)));
                }
            }

            sb.Append(random.Next(5) switch { 0 => "\r\n", 1 => "\r", 2 => "\n\n", _ => "\n" });
        }

        var text = sb.ToString();
        var expected = Reference(text, ',');
        var actual = Spans(text, ',', bufferSize);
        Assert.True(expected.Count > 2900, expected.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Line, actual[i].Line);
            Assert.Equal(expected[i].Fields, actual[i].Fields);
        }
    }

    /// <summary>Every vector width's special-character mask equals the character-by-character definition (the machine runs only its widest; the others are checked here).</summary>
    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(128)]
    public void SpecialMask_EveryVectorWidth_EqualsScalarDefinition(int bits)
    {
        var random = new Random(bits);
        var alphabet = ",;\"\r\nab \u2C2C\u0A0D\u0D0A종\u222C";
        var blocks = 0;
        for (var k = 0; k < 20_000; k++)
        {
            var chars = new ushort[CsvTableSource.Block];
            uint expected = 0;
            var separator = k % 2 == 0 ? ',' : ';';
            for (var i = 0; i < chars.Length; i++)
            {
                var c = alphabet[random.Next(alphabet.Length)];
                chars[i] = c;
                if (c == separator || c is '"' or '\r' or '\n')
                {
                    expected |= 1u << i;
                }
            }

            Assert.Equal(expected, CsvTableSource.SpecialMask(chars, separator, bits));
            blocks++;
        }

        Assert.Equal(20_000, blocks);
    }

    [Fact]
    public void SpanSource_QuotedFieldsAcrossBufferEdges_Unescaped()
    {
        var text = "id,name\r\n\"a\"\"b\",\"x,\ny\"\n\n c ,\"\"\r\nlast,\"é\"";
        var records = Spans(text, ',', 2);
        Assert.Equal(Outcome(() => Reference(text, ',')), Outcome(() => records));
        Assert.Equal(4, records.Count);
        Assert.Equal(["a\"b", "x,\ny"], records[1].Fields);
        Assert.Equal(6, records[3].Line);
    }

    [Fact]
    public void ReadLong_DenseSparseAndDuplicateCells_AsBefore()
    {
        var csv = new StringBuilder("unit,period,indicator,value\n");
        for (var u = 0; u < 30; u++)
        {
            for (var i = 0; i < 12; i++)
            {
                csv.Append("u").Append(u).Append(",2024,i").Append(i).Append(',').Append((u * 100) + i).Append('\n');
            }
        }

        csv.Append("lonely,2025,i3,7\n");
        var panel = Panel.ReadLongCsv(new StringReader(csv.ToString()), "t", null);
        Assert.Equal(31, panel.Units.Length);
        Assert.Equal(12, panel.Indicators.Length);
        Assert.Equal(1107, panel.GetValue("i7", "u11", "2024"));
        Assert.Equal(7, panel.GetValue("i3", "lonely", "2025"));
        Assert.True(double.IsNaN(panel.GetValue("i4", "lonely", "2025")));
        Assert.True(double.IsNaN(panel.GetValue("i0", "u0", "2025")));
        Assert.Equal((30 * 12) + 1, panel.RawValues.Count(v => !double.IsNaN(v)));

        // A duplicate is found whether its row is dense (12 values) or sparse (1 value), also after a missing value.
        var dense = Assert.Throws<IndexDataException>(() => Panel.ReadLongCsv(new StringReader(csv + "u5,2024,i11,1\n"), "t", null));
        Assert.Contains("line 363", dense.Message, StringComparison.Ordinal);
        Assert.Contains("Duplicate row: 'i11' for unit 'u5', period '2024'", dense.Message, StringComparison.Ordinal);
        Assert.Throws<IndexDataException>(() => Panel.ReadLongCsv(new StringReader(csv + "lonely,2025,i3,8\n"), "t", null));
        Assert.Throws<IndexDataException>(() => Panel.ReadLongCsv(new StringReader(csv + "lonely,2025,i4,\nlonely,2025,i4,1\n"), "t", null));
    }

    [Fact]
    public void PanelBuilder_SparseDiagonal_PromotedRowsAndNaN_AsBefore()
    {
        var b = new PanelBuilder();
        for (var k = 0; k < 2_000; k++)
        {
            b.AddValue($"i{k}", $"u{k}", "2020", k); // one value per unit: rows stay sparse
        }

        b.AddValue("i0", "u1", "2020", double.NaN); // a NaN given is a cell that was set
        Assert.Throws<IndexDataException>(() => b.AddValue("i0", "u1", "2020", 5));
        var p = b.Build();
        Assert.Equal(2_000, p.Units.Length);
        Assert.Equal(1999, p.GetValue("i1999", "u1999", "2020"));
        Assert.True(double.IsNaN(p.GetValue("i0", "u1", "2020")));
        Assert.Equal(2_000, p.RawValues.Count(v => !double.IsNaN(v))); // the 2,000 diagonal values (u1/i0 was given as NaN)
    }

    [Fact]
    public void ReadWide_CancelledPartWay_StopsBeforeTheEnd()
    {
        var text = new StringBuilder("unit,period,a\n");
        for (var u = 0; u < 100_000; u++)
        {
            text.Append('u').Append(u).Append(",2024,1\n");
        }

        using var cts = new CancellationTokenSource();
        var reader = new CancellingReader(text.ToString(), 200_000, cts);
        Assert.Throws<OperationCanceledException>(() => Panel.ReadWideCsv(reader, "t", null, cts.Token));
        Assert.True(reader.Consumed < text.Length / 2, $"read {reader.Consumed} of {text.Length} characters after cancellation");
    }

    /// <summary>A reader that requests cancellation once it has handed out a given number of characters.</summary>
    private sealed class CancellingReader(string text, int after, CancellationTokenSource cts) : StringReader(text)
    {
        public int Consumed { get; private set; }

        public override int Read(char[] buffer, int index, int count)
        {
            var n = base.Read(buffer, index, Math.Min(count, 4096));
            Consumed += n;
            if (Consumed >= after)
            {
                cts.Cancel();
            }

            return n;
        }
    }
}

/// <summary>Decomposed (NFD) Latin text where the runtime cannot compose it (globalisation-invariant mode, as the tests and compindex run).</summary>
public class DecomposedIdTests
{
    [Fact]
    public void ZurichNfd_InvariantMode_KeptAsWrittenWithAWarning_KoreanComposed()
    {
        var nfd = "Zu\u0308rich";
        var csv = $"unit,period,indicator,value\n{nfd},2024,x,1\n\u110C\u1169\u11BC\u1105\u1169\u1100\u116E,2024,x,2\n";
        var panel = Panel.ReadLongCsv(new StringReader(csv), "t", null);
        Assert.Contains("종로구", panel.Units); // Hangul jamo composed algorithmically in every mode
        if (UnicodeText.CanNormalize)
        {
            Assert.Contains("Z\u00FCrich", panel.Units);
            Assert.DoesNotContain(panel.Warnings, w => w.Contains("combining marks", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains(nfd, panel.Units);
            var warning = Assert.Single(panel.Warnings, w => w.Contains("combining marks", StringComparison.Ordinal));
            Assert.Contains($"'{nfd}'", warning, StringComparison.Ordinal);
            Assert.Equal(-1, panel.IndexOfUnit("Z\u00FCrich"));
        }

        Assert.Empty(Panel.ReadLongCsv(new StringReader("unit,period,indicator,value\nZ\u00FCrich,2024,x,1\n"), "t", null).Warnings);
    }
}
