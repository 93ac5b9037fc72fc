using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;

namespace CompositeIndex.Reporting;

/// <summary>
/// The user-interface text of the report, the command-line tables and the notebook views, in one language: English
/// (the neutral resources) or Korean. Strings live in the resource files <c>Resources/Report.resx</c> and
/// <c>Resources/Report.ko.resx</c> (standard .resx XML, embedded as they are).
/// </summary>
/// <remarks>
/// <para>A language tag is matched on its primary subtag (<c>ko</c>, <c>ko-KR</c> → Korean); every other language
/// falls back to English, key by key. Numbers are formatted with the invariant culture in both languages (Korean
/// and English both write <c>1,234.5</c>), so output does not depend on the machine's culture.</para>
/// <para>The resources are read without <see cref="System.Resources.ResourceManager"/> and satellite assemblies, so
/// they work under invariant globalisation and in trimmed or single-file applications.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ReportText
{
    private static readonly ImmutableDictionary<string, string> English = Load("en");
    private static readonly ImmutableDictionary<string, string> Korean = Load("ko");
    private static readonly ReportText EnglishText = new("en", English);
    private static readonly ReportText KoreanText = new("ko", Korean.AddRange(English.Where(kv => !Korean.ContainsKey(kv.Key))));

    private readonly ImmutableDictionary<string, string> strings;

    private ReportText(string language, ImmutableDictionary<string, string> strings)
    {
        Language = language;
        this.strings = strings;
    }

    /// <summary>Gets the languages that have a complete translation: <c>en</c> and <c>ko</c>.</summary>
    public static ImmutableArray<string> Languages { get; } = ["en", "ko"];

    /// <summary>Gets the language of this text (<c>en</c> or <c>ko</c>).</summary>
    public string Language { get; }

    /// <summary>Gets every key of the neutral (English) resources, sorted.</summary>
    public static ImmutableArray<string> Keys { get; } = [.. English.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Gets the text of a language.</summary>
    /// <param name="language">A language tag (e.g. <c>ko</c>, <c>ko-KR</c>, <c>en</c>); <see langword="null"/> or any other language gives English.</param>
    /// <returns>The text.</returns>
    public static ReportText For(string? language) => IsKorean(language) ? KoreanText : EnglishText;

    /// <summary>Gets the keys a language's own resource file defines (for completeness checks).</summary>
    /// <param name="language"><c>en</c> or <c>ko</c>.</param>
    /// <returns>The keys; empty for another language.</returns>
    public static ImmutableArray<string> KeysOf(string language) =>
        language == "en" ? Keys : IsKorean(language) ? [.. Korean.Keys.Order(StringComparer.Ordinal)] : [];

    /// <summary>Gets a string by key.</summary>
    /// <param name="key">The resource key.</param>
    /// <returns>The string in this language (English when it has no translation).</returns>
    /// <exception cref="UnknownKeyException">No resource has the key (a programming error).</exception>
    public string this[string key] =>
        strings.TryGetValue(key, out var s) ? s : throw new UnknownKeyException("text key", key, $"The report resources have no key '{key}'.");

    /// <summary>Formats a composite-format resource string (<c>{0}</c> placeholders) with the invariant culture.</summary>
    /// <param name="key">The resource key.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The formatted string.</returns>
    /// <exception cref="UnknownKeyException">No resource has the key.</exception>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    private static bool IsKorean(string? language) =>
        language is not null && (language.Equals("ko", StringComparison.OrdinalIgnoreCase) || language.StartsWith("ko-", StringComparison.OrdinalIgnoreCase) || language.StartsWith("ko_", StringComparison.OrdinalIgnoreCase));

    private static ImmutableDictionary<string, string> Load(string language)
    {
        var name = $"CompositeIndex.Reporting.Report.{language}.resx";
        using var stream = typeof(ReportText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing.");
        var doc = XDocument.Load(stream);
        var b = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var data in doc.Root!.Elements("data"))
        {
            var key = (string?)data.Attribute("name");
            var value = (string?)data.Element("value");
            if (key is not null && value is not null)
            {
                b[key] = value;
            }
        }

        return b.ToImmutable();
    }
}
