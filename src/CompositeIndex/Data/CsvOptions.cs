using System.Collections.Immutable;

namespace CompositeIndex;

/// <summary>
/// How to read panel data from CSV: which columns hold the unit, the period, indicator values and unit attributes.
/// </summary>
/// <remarks>
/// <para>Numbers are parsed with the invariant culture (a dot as decimal separator, no thousands separators; see
/// <see cref="DecimalComma"/>). A value equal to one of <see cref="MissingTokens"/> is missing; infinities and other
/// non-numeric text are errors that name the file, line and column.</para>
/// <para>Files are read as strict UTF-8 unless <see cref="Encoding"/> says otherwise (a byte-order mark always wins);
/// bytes that do not decode are an error naming the line and the likely encoding. Header names and ids are read in
/// Unicode normalisation form C (see <see cref="PanelBuilder"/>).</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed record CsvOptions
{
    /// <summary>Gets the default options (<c>unit</c>, <c>period</c>, <c>indicator</c>, <c>value</c> columns).</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>Gets the name of the column holding unit ids. The default is <c>"unit"</c>.</summary>
    public string UnitColumn { get; init; } = "unit";

    /// <summary>
    /// Gets the name of the column holding periods. The default is <c>"period"</c>. When the file has no such
    /// column, every row belongs to <see cref="DefaultPeriod"/>, which must then be set.
    /// </summary>
    public string PeriodColumn { get; init; } = "period";

    /// <summary>Gets the period used when the file has no period column, if any.</summary>
    public string? DefaultPeriod { get; init; }

    /// <summary>Gets the column of indicator ids in long files. The default is <c>"indicator"</c>.</summary>
    public string IndicatorColumn { get; init; } = "indicator";

    /// <summary>Gets the column of values in long files. The default is <c>"value"</c>.</summary>
    public string ValueColumn { get; init; } = "value";

    /// <summary>Gets the column of unit display names, if any.</summary>
    public string? UnitNameColumn { get; init; }

    /// <summary>
    /// Gets, for wide files, a map from column name to indicator id. When empty, every column other than the unit,
    /// period, name and attribute columns is an indicator named after its column.
    /// </summary>
    public ImmutableSortedDictionary<string, string> IndicatorColumns { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Gets columns read as unit attributes (e.g. a region used by group imputation), not as indicators.</summary>
    public ImmutableArray<string> AttributeColumns { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Gets a value indicating whether columns that are neither mapped nor attributes are ignored (wide files). The default is <see langword="false"/> (they are indicators).</summary>
    public bool IgnoreUnmappedColumns { get; init; }

    /// <summary>
    /// Gets a value indicating whether, in a wide file read without <see cref="IndicatorColumns"/>, a column holding a
    /// value that is neither a number nor one of <see cref="MissingTokens"/> (a text column such as a region or a
    /// country name) is left out instead of failing the read. The default is <see langword="false"/>. Infinite numbers
    /// are errors either way. Used to start a definition from a data file (<c>compindex new</c>): the columns read are
    /// the numeric ones.
    /// </summary>
    public bool SkipTextColumns { get; init; }

    /// <summary>Gets the texts that mean "missing". The default is empty, <c>NA</c>, <c>NaN</c>, <c>..</c> and <c>-</c>.</summary>
    public ImmutableArray<string> MissingTokens { get; init; } = ["", "NA", "NaN", "..", "-"];

    /// <summary>Gets the field separator. The default is a comma.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>
    /// Gets a value indicating whether numbers use a decimal comma (<c>3,5</c>), as spreadsheets in most of Europe write
    /// them. Only where it is unambiguous: the <see cref="Separator"/> must not be a comma, and a number holding a dot
    /// is an error (a thousands separator is never guessed). The default is <see langword="false"/>.
    /// </summary>
    public bool DecimalComma { get; init; }

    /// <summary>
    /// Gets the text encoding of files read by path, or <see langword="null"/> for strict UTF-8 (the default). Use
    /// <see cref="CsvEncodings.Get"/> for a name such as <c>cp949</c> (Korean Excel's CSV encoding) or <c>latin1</c>.
    /// A byte-order mark (UTF-8, UTF-16, UTF-32) in the file takes precedence. Not used when the caller passes a
    /// <see cref="TextReader"/>, which decodes by itself.
    /// </summary>
    public System.Text.Encoding? Encoding { get; init; }

    /// <summary>
    /// Returns options that read exactly the columns a definition needs from a wide file, each as the indicator of
    /// the same name (indicators, variant columns, adjustment factors, column expressions, denominators of a
    /// denomination step), plus the unit attributes its outputs rank by and its imputation groups by, so that a file with more columns (text, published results) is read as its
    /// publisher ships it.
    /// </summary>
    /// <param name="definition">The definition.</param>
    /// <returns>New options; existing <see cref="IndicatorColumns"/> and <see cref="AttributeColumns"/> entries are kept.</returns>
    /// <example><code>
    /// var options = new CsvOptions { UnitColumn = "iso3", PeriodColumn = "year", UnitNameColumn = "country" }.ForDefinition(definition);
    /// var panel = Panel.ReadWideCsv("hdr2023-24_hdi.csv", options);
    /// </code></example>
    public CsvOptions ForDefinition(IndexDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var columns = IndicatorColumns;
        foreach (var c in DataRequirements.Columns(definition))
        {
            if (!columns.ContainsKey(c))
            {
                columns = columns.Add(c, c);
            }
        }

        var attributes = AttributeColumns.IsDefault ? [] : AttributeColumns;
        foreach (var a in DataRequirements.Attributes(definition))
        {
            if (!attributes.Contains(a))
            {
                attributes = attributes.Add(a);
            }
        }

        return this with { IndicatorColumns = columns, AttributeColumns = attributes };
    }
}
