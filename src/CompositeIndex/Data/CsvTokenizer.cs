using System.Text;

namespace CompositeIndex;

/// <summary>
/// A small RFC 4180 reader: comma-separated fields, optional double quotes (with <c>""</c> escapes and embedded
/// separators or line breaks), CRLF, LF or CR line endings. Streams: one record in memory at a time.
/// </summary>
internal sealed class CsvTokenizer
{
    private const int MaxFieldLength = 1 << 20;
    private readonly TextReader reader;
    private readonly string source;
    private readonly char separator;
    private readonly StringBuilder field = new();

    public CsvTokenizer(TextReader reader, string source, char separator = ',')
    {
        this.reader = reader;
        this.source = source;
        this.separator = separator;
    }

    /// <summary>Gets the 1-based line on which the last record returned started.</summary>
    public long RecordLine { get; private set; }

    private long line = 1;

    /// <summary>Reads the next record, or returns null at the end of input. Blank lines are skipped.</summary>
    public List<string>? ReadRecord()
    {
        while (true)
        {
            var first = reader.Peek();
            if (first < 0)
            {
                return null;
            }

            RecordLine = line;
            var fields = new List<string>();
            field.Clear();
            var quoted = false;
            var wasQuoted = false;
            var any = false;
            while (true)
            {
                var c = reader.Read();
                if (c < 0)
                {
                    if (quoted)
                    {
                        throw new IndexDataException("A quoted field is not closed before the end of the file.", source, RecordLine);
                    }

                    break;
                }

                any = true;
                var ch = (char)c;
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (reader.Peek() == '"')
                        {
                            reader.Read();
                            Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n' || (ch == '\r' && reader.Peek() != '\n'))
                        {
                            line++;
                        }

                        Append(ch);
                    }

                    continue;
                }

                if (ch == '"' && field.Length == 0 && !wasQuoted)
                {
                    quoted = true;
                    wasQuoted = true;
                    continue;
                }

                if (ch == separator)
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    wasQuoted = false;
                    continue;
                }

                if (ch == '\r' || ch == '\n')
                {
                    if (ch == '\r' && reader.Peek() == '\n')
                    {
                        reader.Read();
                    }

                    line++;
                    break;
                }

                if (wasQuoted)
                {
                    throw new IndexDataException($"Unexpected character '{ch}' after a closing quote.", source, RecordLine);
                }

                Append(ch);
            }

            fields.Add(field.ToString());
            if (fields.Count == 1 && fields[0].Length == 0 && !wasQuoted)
            {
                if (!any)
                {
                    return null;
                }

                continue; // blank line
            }

            return fields;
        }
    }

    private void Append(char ch)
    {
        if (field.Length >= MaxFieldLength)
        {
            throw new IndexDataException($"A field is longer than {MaxFieldLength} characters.", source, RecordLine);
        }

        field.Append(ch);
    }
}
