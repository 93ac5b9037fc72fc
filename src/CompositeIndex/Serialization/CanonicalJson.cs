using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CompositeIndex.Serialization;

/// <summary>
/// The canonical text of a JSON value, the input of the definition fingerprint: object keys sorted by ordinal
/// (UTF-16 code unit) order, no whitespace, numbers in the shortest form that round-trips a double
/// (<c>"R"</c>, invariant culture; <c>1.0</c> and <c>1</c> both give <c>1</c>, <c>-0</c> gives <c>0</c>), strings
/// with only <c>"</c>, <c>\</c> and control characters escaped (the rules of RFC 8785, JSON Canonicalization
/// Scheme, §3.2.2.2, except that numbers use .NET's round-trip format).
/// </summary>
internal static class CanonicalJson
{
    public static string Write(JsonElement element)
    {
        var sb = new StringBuilder();
        Append(sb, element);
        return sb.ToString();
    }

    /// <summary>Gets the lowercase hexadecimal SHA-256 of the UTF-8 canonical text.</summary>
    public static string Sha256(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static void Append(StringBuilder sb, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                sb.Append('{');
                var first = true;
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        sb.Append(',');
                    }

                    first = false;
                    Quote(sb, p.Name);
                    sb.Append(':');
                    Append(sb, p.Value);
                }

                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in e.EnumerateArray())
                {
                    if (!firstItem)
                    {
                        sb.Append(',');
                    }

                    firstItem = false;
                    Append(sb, item);
                }

                sb.Append(']');
                break;
            case JsonValueKind.String:
                Quote(sb, e.GetString()!);
                break;
            case JsonValueKind.Number:
                var d = e.GetDouble();
                sb.Append(d == 0 ? "0" : d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
