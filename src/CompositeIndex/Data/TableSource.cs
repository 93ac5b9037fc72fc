using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CompositeIndex;

/// <summary>How a cell of a <see cref="TableSource"/> holds its value.</summary>
internal enum CellKind
{
    /// <summary>Text (every CSV field; a spreadsheet's text cell): missing tokens and numbers are parsed from it.</summary>
    Text,

    /// <summary>A number stored as a number (a spreadsheet's numeric cell): taken exactly, never parsed from text.</summary>
    Number,

    /// <summary>A spreadsheet error value such as <c>#N/A</c> or <c>#DIV/0!</c>: missing only when it is a missing token.</summary>
    Error,
}

/// <summary>
/// A table read record by record by the panel readers (<see cref="CsvPanelReader"/>): a CSV file, a spreadsheet sheet.
/// The first record is the header. Blank records are skipped by the source. The reader asks the source to name
/// places in errors, so a CSV error says "line 12" and a spreadsheet error "Data!C12".
/// </summary>
/// <remarks>Mutable and not thread-safe; one reader at a time.</remarks>
internal abstract class TableSource
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="name">The name used in messages (a file name).</param>
    protected TableSource(string name) => Name = name;

    /// <summary>Gets the name used in messages.</summary>
    public string Name { get; }

    /// <summary>Gets the number of fields of the current record.</summary>
    public abstract int FieldCount { get; }

    /// <summary>Gets the 1-based position of the current record (CSV: the line it starts on; sheet: the row number).</summary>
    public abstract long Position { get; }

    /// <summary>Reads the next record that is not blank.</summary>
    /// <returns><see langword="false"/> at the end.</returns>
    public abstract bool Read();

    /// <summary>Gets the text of a field: a number cell in shortest round-trip invariant form, an error cell as its text (<c>#N/A</c>).</summary>
    /// <param name="field">The 0-based field.</param>
    /// <returns>The text (empty beyond the last field of a short spreadsheet row).</returns>
    public abstract string GetString(int field);

    /// <summary>Gets the text of a field without allocating when the source can.</summary>
    /// <param name="field">The 0-based field.</param>
    /// <returns>The text.</returns>
    public virtual ReadOnlySpan<char> GetSpan(int field) => GetString(field);

    /// <summary>Gets how a field holds its value. CSV fields are always text.</summary>
    /// <param name="field">The 0-based field.</param>
    /// <returns>The kind.</returns>
    public virtual CellKind GetKind(int field) => CellKind.Text;

    /// <summary>Gets a number cell's value (only when <see cref="GetKind"/> is <see cref="CellKind.Number"/>).</summary>
    /// <param name="field">The 0-based field.</param>
    /// <returns>The value.</returns>
    public virtual double GetNumber(int field) => throw new InvalidOperationException("A text field has no number.");

    /// <summary>
    /// Tells the source, after the header, which fields the reader will read; a columnar source (a Parquet file) loads
    /// only those and refuses a column it cannot read here, by name. Row sources ignore it.
    /// </summary>
    /// <param name="fields">The 0-based fields (negative entries stand for absent optional columns and are ignored).</param>
    /// <exception cref="IndexDataException">A selected column cannot be read.</exception>
    public virtual void Select(IReadOnlyCollection<int> fields)
    {
    }

    /// <summary>Checks the current record against the header's width (CSV: exactly as many fields; a sheet: no value right of the header).</summary>
    /// <param name="headerCount">The number of header fields.</param>
    /// <exception cref="IndexDataException">The record does not fit.</exception>
    public virtual void CheckWidth(int headerCount)
    {
        if (FieldCount != headerCount)
        {
            throw Error($"The row has {FieldCount} fields but the header has {headerCount}.");
        }
    }

    /// <summary>Creates the error for the current record, or one of its fields.</summary>
    /// <param name="message">The message.</param>
    /// <param name="field">The 0-based field, or -1 for the whole record.</param>
    /// <param name="column">The header name of the field, if known.</param>
    /// <returns>The exception to throw.</returns>
    public virtual IndexDataException Error(string message, int field = -1, string? column = null) => new(message, Name, Position, column);

    /// <summary>Names a record position for a message: "line 12" (CSV), "row 12" (sheet).</summary>
    /// <param name="position">The position.</param>
    /// <returns>The text.</returns>
    public virtual string Describe(long position) => "line " + position.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A CSV file or text as a <see cref="TableSource"/>: RFC 4180 (fields separated by one character, optional double
/// quotes with <c>""</c> escapes and embedded separators or line breaks; CRLF, LF or CR line ends), the same rules as
/// <see cref="CsvTokenizer"/>, without a string per field: the current record stays in a character buffer and fields
/// are handed out as spans (separators, quotes and line ends are found 32 characters at a time with vector comparisons
/// into a bit mask). Streams: the buffer holds one record
/// plus what was read ahead.
/// </summary>
internal sealed class CsvTableSource : TableSource
{
    private const int MaxFieldLength = 1 << 20;
    private const int MaxRecordLength = 1 << 26;
    private readonly TextReader reader;
    private readonly char separator;
    private readonly SearchValues<char> specials;
    private char[] buf;
    private int start;
    private int end;
    private int next;
    private bool eof;
    private int[] fieldStart = new int[32];
    private int[] fieldLength = new int[32];
    private int count;
    private long line = 1;
    private long recordLine;

    /// <summary>The characters one special-character mask covers.</summary>
    internal const int Block = 32;

    /// <summary>The buffer index <see cref="mask"/> starts at, or -1 when there is no mask.</summary>
    private int maskBase = -1;

    /// <summary>Bit <c>i</c> set when <c>buf[maskBase + i]</c> is the separator, a quote, CR or LF.</summary>
    private uint mask;

    public CsvTableSource(TextReader reader, string name, char separator, int bufferSize = 1 << 16)
        : base(name)
    {
        buf = new char[bufferSize];
        this.reader = reader;
        this.separator = separator;
        specials = SearchValues.Create([separator, '"', '\r', '\n']);
    }

    public override int FieldCount => count;

    public override long Position => recordLine;

    private int Available => end - start;

    public override bool Read()
    {
        while (true)
        {
            start = next;
            if (Available == 0 && !More())
            {
                return false;
            }

            recordLine = line;
            count = 0;
            var quotedAny = ReadRecord();
            if (count == 1 && fieldLength[0] == 0 && !quotedAny)
            {
                continue; // a blank line
            }

            return true;
        }
    }

    public override string GetString(int field) => new(GetSpan(field));

    public override ReadOnlySpan<char> GetSpan(int field) => buf.AsSpan(start + fieldStart[field], fieldLength[field]);

    /// <summary>Parses one record from <see cref="start"/>; offsets are relative to <see cref="start"/>, which <see cref="More"/> may move.</summary>
    /// <returns>Whether a field was quoted.</returns>
    private bool ReadRecord()
    {
        var p = 0;
        var quotedAny = false;
        while (true)
        {
            var fs = p;
            if (p == Available && !More())
            {
                AddField(fs, 0);
                break;
            }

            if (buf[start + p] == '"')
            {
                quotedAny = true;
                p++;
                fs = p;
                var w = p;
                while (true)
                {
                    if (p == Available && !More())
                    {
                        throw new IndexDataException("A quoted field is not closed before the end of the file.", Name, recordLine);
                    }

                    var c = buf[start + p];
                    if (c == '"')
                    {
                        if (p + 1 == Available && !More())
                        {
                            p++;
                            break;
                        }

                        if (buf[start + p + 1] == '"')
                        {
                            buf[start + w++] = '"';
                            p += 2;
                            continue;
                        }

                        p++;
                        break;
                    }

                    if (c == '\n' || (c == '\r' && !NextIs(p + 1, '\n')))
                    {
                        line++;
                    }

                    buf[start + w++] = c;
                    p++;
                    if (w - fs > MaxFieldLength)
                    {
                        throw new IndexDataException($"A field is longer than {MaxFieldLength} characters.", Name, recordLine);
                    }
                }

                AddField(fs, w - fs);
                if (p == Available && !More())
                {
                    break;
                }

                var after = buf[start + p];
                if (after == separator)
                {
                    p++;
                    continue;
                }

                if (after is '\r' or '\n')
                {
                    p = EndLine(p);
                    break;
                }

                throw new IndexDataException($"Unexpected character '{after}' after a closing quote.", Name, recordLine);
            }

            while (true)
            {
                var k = NextSpecial(start + p);
                if (k < 0)
                {
                    p = Available;
                    CheckLength(p - fs);
                    if (!More())
                    {
                        break;
                    }

                    continue;
                }

                p = k - start;
                if (buf[start + p] == '"')
                {
                    p++; // a quote inside an unquoted field is text
                    continue;
                }

                break;
            }

            CheckLength(p - fs);
            AddField(fs, p - fs);
            if (p == Available)
            {
                break; // the end of the input
            }

            if (buf[start + p] == separator)
            {
                p++;
                continue;
            }

            p = EndLine(p);
            break;
        }

        next = start + p;
        return quotedAny;
    }

    /// <summary>
    /// Gets the absolute index of the next separator, quote or line-end character at or after <paramref name="from"/>,
    /// or -1 when there is none before <see cref="end"/>. The buffer is compared <see cref="Block"/> characters at a
    /// time into a bit mask that later calls reuse, so a short field costs a bit scan rather than a search of its own
    /// (the per-call set-up of a vectorised search dominated for fields of a few characters).
    /// </summary>
    private int NextSpecial(int from)
    {
        while (true)
        {
            if (maskBase >= 0 && from >= maskBase && from < maskBase + Block)
            {
                var m = mask >> (from - maskBase);
                if (m != 0)
                {
                    return from + BitOperations.TrailingZeroCount(m);
                }

                from = maskBase + Block;
            }

            if (end - from < Block)
            {
                var k = buf.AsSpan(from, end - from).IndexOfAny(specials);
                return k < 0 ? -1 : from + k;
            }

            maskBase = from;
            mask = SpecialMask(MemoryMarshal.Cast<char, ushort>(buf.AsSpan(from, Block)));
        }
    }

    /// <summary>The widest vector this machine computes in hardware: 512, 256 or 128 bits (128-bit operations also run without hardware support, only slower).</summary>
    internal static readonly int VectorBits = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    private uint SpecialMask(ReadOnlySpan<ushort> chars) => SpecialMask(chars, separator, VectorBits);

    /// <summary>
    /// Bit <c>i</c> set when <c>chars[i]</c> (32 characters) is <paramref name="separator"/>, a quote, CR or LF: one
    /// 512-bit, two 256-bit or four 128-bit comparisons per character class, by <paramref name="vectorBits"/>.
    /// </summary>
    internal static uint SpecialMask(ReadOnlySpan<ushort> chars, char separator, int vectorBits)
    {
        if (vectorBits == 512)
        {
            var v = Vector512.Create(chars[..32]);
            var hit = Vector512.Equals(v, Vector512.Create((ushort)separator)) | Vector512.Equals(v, Vector512.Create((ushort)'"'))
                | Vector512.Equals(v, Vector512.Create((ushort)'\r')) | Vector512.Equals(v, Vector512.Create((ushort)'\n'));
            return (uint)hit.ExtractMostSignificantBits();
        }

        if (vectorBits == 256)
        {
            var sep = Vector256.Create((ushort)separator);
            var quote = Vector256.Create((ushort)'"');
            var cr = Vector256.Create((ushort)'\r');
            var lf = Vector256.Create((ushort)'\n');
            var a = Vector256.Create(chars[..16]);
            var b = Vector256.Create(chars.Slice(16, 16));
            var ha = Vector256.Equals(a, sep) | Vector256.Equals(a, quote) | Vector256.Equals(a, cr) | Vector256.Equals(a, lf);
            var hb = Vector256.Equals(b, sep) | Vector256.Equals(b, quote) | Vector256.Equals(b, cr) | Vector256.Equals(b, lf);
            return ha.ExtractMostSignificantBits() | (hb.ExtractMostSignificantBits() << 16);
        }

        var sep8 = Vector128.Create((ushort)separator);
        var quote8 = Vector128.Create((ushort)'"');
        var cr8 = Vector128.Create((ushort)'\r');
        var lf8 = Vector128.Create((ushort)'\n');
        uint bits = 0;
        for (var i = 0; i < Block; i += 8)
        {
            var v = Vector128.Create(chars.Slice(i, 8));
            var hit = Vector128.Equals(v, sep8) | Vector128.Equals(v, quote8) | Vector128.Equals(v, cr8) | Vector128.Equals(v, lf8);
            bits |= hit.ExtractMostSignificantBits() << i;
        }

        return bits;
    }

    /// <summary>Consumes a line end at <paramref name="p"/> (CRLF, LF or CR) and counts the line.</summary>
    private int EndLine(int p)
    {
        line++;
        return buf[start + p] == '\r' && NextIs(p + 1, '\n') ? p + 2 : p + 1;
    }

    private bool NextIs(int p, char c) => (p < Available || More()) && buf[start + p] == c;

    private void CheckLength(int length)
    {
        if (length > MaxFieldLength)
        {
            throw new IndexDataException($"A field is longer than {MaxFieldLength} characters.", Name, recordLine);
        }
    }

    private void AddField(int offset, int length)
    {
        if (count == fieldStart.Length)
        {
            Array.Resize(ref fieldStart, count * 2);
            Array.Resize(ref fieldLength, count * 2);
        }

        fieldStart[count] = offset;
        fieldLength[count] = length;
        count++;
    }

    /// <summary>Reads more input, keeping the current record (moved to the start of the buffer; offsets stay valid).</summary>
    /// <returns><see langword="false"/> at the end of the input.</returns>
    private bool More()
    {
        if (eof)
        {
            return false;
        }

        maskBase = -1; // the buffer moves or grows: the cached mask no longer describes it
        if (start > 0)
        {
            Array.Copy(buf, start, buf, 0, end - start);
            end -= start;
            next -= start;
            start = 0;
        }

        if (end == buf.Length)
        {
            if (buf.Length >= MaxRecordLength)
            {
                throw new IndexDataException($"A record is longer than {MaxRecordLength} characters.", Name, recordLine);
            }

            Array.Resize(ref buf, buf.Length * 2);
        }

        var n = reader.Read(buf, end, buf.Length - end);
        if (n == 0)
        {
            eof = true;
            return false;
        }

        end += n;
        return true;
    }
}
