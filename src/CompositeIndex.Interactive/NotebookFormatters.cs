using System.Collections.Immutable;
using CompositeIndex.Sensitivity;

namespace CompositeIndex.Interactive;

/// <summary>
/// Rich notebook output for CompositeIndex types: <c>text/html</c> (tables and inline SVG charts drawn by
/// <see cref="CompositeIndex.Reporting.SvgCharts"/>, the same code as the HTML report) and a compact <c>text/plain</c>.
/// </summary>
/// <remarks>
/// <para>.NET Interactive registers these formatters by itself: the package ships the kernel extension
/// <c>interactive-extensions/dotnet/extension.dib</c>, which .NET Interactive runs after
/// <c>#r "nuget: CompositeIndex.Interactive"</c>; it calls
/// <c>Formatter.Register(type, (value, writer) =&gt; NotebookFormatters.WriteHtml(value, writer), "text/html")</c> for
/// every type in <see cref="FormattedTypes"/>. This library does not itself depend on .NET Interactive, so the same
/// methods can render the views anywhere (e.g. into a static page).</para>
/// <para>Formatted types: <see cref="IndexDefinition"/> (a collapsible tree with weights and methods),
/// <see cref="Panel"/> (data coverage), <see cref="IndexResult"/> (a sortable ranking with group scores and rank
/// changes), <see cref="UnitExplanation"/> (one unit's score tree with contributions),
/// <see cref="ChangeDecomposition"/> (what drove a change), <see cref="SensitivityResult"/> (rank intervals, Sobol
/// indices with confidence intervals), <see cref="ValidationReport"/> (errors with their paths) and <see cref="MapView"/>
/// (a choropleth map of a result from GeoJSON shapes).</para>
/// <para>Every HTML view is one <c>div</c> with the class <see cref="CssClass"/> and carries its own scoped style sheet;
/// output is deterministic (invariant culture, no clock). Stateless and thread-safe.</para>
/// </remarks>
public static class NotebookFormatters
{
    /// <summary>The MIME type of the HTML views.</summary>
    public const string HtmlMimeType = "text/html";

    /// <summary>The MIME type of the plain-text views.</summary>
    public const string PlainTextMimeType = "text/plain";

    /// <summary>The CSS class of the outer element of every HTML view (a marker that output came from these formatters).</summary>
    public const string CssClass = "ci-notebook";

    /// <summary>Gets the types these formatters render.</summary>
    public static ImmutableArray<Type> FormattedTypes { get; } =
    [
        typeof(IndexDefinition),
        typeof(Panel),
        typeof(IndexResult),
        typeof(UnitExplanation),
        typeof(ChangeDecomposition),
        typeof(SensitivityResult),
        typeof(ValidationReport),
        typeof(MapView),
    ];

    /// <summary>Determines whether a type is rendered by these formatters.</summary>
    /// <param name="type">The type.</param>
    /// <returns><see langword="true"/> when <paramref name="type"/> is one of <see cref="FormattedTypes"/> (or derives from one).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is <see langword="null"/>.</exception>
    public static bool CanFormat(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return FormattedTypes.Any(t => t.IsAssignableFrom(type));
    }

    /// <summary>Renders a value as an HTML fragment (one <c>div</c> with the class <see cref="CssClass"/>).</summary>
    /// <param name="value">An instance of one of <see cref="FormattedTypes"/>.</param>
    /// <returns>The HTML.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value's type is not one of <see cref="FormattedTypes"/>.</exception>
    public static string ToHtml(object value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value)),
        IndexDefinition d => DefinitionView.ToHtml(d),
        Panel p => PanelView.ToHtml(p),
        IndexResult r => ResultView.ToHtml(r),
        UnitExplanation x => ExplanationView.ToHtml(x),
        ChangeDecomposition c => ChangeView.ToHtml(c),
        SensitivityResult s => SensitivityView.ToHtml(s),
        ValidationReport v => ValidationView.ToHtml(v),
        MapView m => m.ToHtml(),
        _ => throw new ArgumentException($"No notebook formatter for {value.GetType()}.", nameof(value)),
    };

    /// <summary>Renders a value as compact plain text (a summary and the first rows).</summary>
    /// <param name="value">An instance of one of <see cref="FormattedTypes"/>.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value's type is not one of <see cref="FormattedTypes"/>.</exception>
    public static string ToText(object value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value)),
        IndexDefinition d => DefinitionView.ToText(d),
        Panel p => PanelView.ToText(p),
        IndexResult r => ResultView.ToText(r),
        UnitExplanation x => ExplanationView.ToText(x),
        ChangeDecomposition c => ChangeView.ToText(c),
        SensitivityResult s => SensitivityView.ToText(s),
        ValidationReport v => ValidationView.ToText(v),
        MapView m => m.ToText(),
        _ => throw new ArgumentException($"No notebook formatter for {value.GetType()}.", nameof(value)),
    };

    /// <summary>Writes <see cref="ToHtml"/> of a value (the signature .NET Interactive's <c>Formatter.Register</c> takes).</summary>
    /// <param name="value">An instance of one of <see cref="FormattedTypes"/>.</param>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value's type is not one of <see cref="FormattedTypes"/>.</exception>
    public static void WriteHtml(object value, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToHtml(value));
    }

    /// <summary>Writes <see cref="ToText"/> of a value.</summary>
    /// <param name="value">An instance of one of <see cref="FormattedTypes"/>.</param>
    /// <param name="writer">The writer.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value's type is not one of <see cref="FormattedTypes"/>.</exception>
    public static void WriteText(object value, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(ToText(value));
    }
}
