namespace CompositeIndex;

/// <summary>
/// The base of every exception this library throws on bad input. Catch this type to handle all of them.
/// </summary>
public abstract class CompositeIndexException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="inner">The exception that caused this one, if any.</param>
    protected CompositeIndexException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// Thrown when an index definition is invalid. <see cref="Report"/> holds every problem, each with its path.
/// </summary>
public sealed class IndexDefinitionException : CompositeIndexException
{
    /// <summary>Initializes a new instance from a validation report.</summary>
    /// <param name="report">The report; must contain at least one error.</param>
    public IndexDefinitionException(ValidationReport report)
        : base(BuildMessage(report)) => Report = report;

    /// <summary>Gets the validation report with every error found.</summary>
    public ValidationReport Report { get; }

    private static string BuildMessage(ValidationReport report) =>
        report.Errors.Length == 1
            ? $"The index definition is invalid: {report.Errors[0]}"
            : $"The index definition has {report.Errors.Length} errors:{Environment.NewLine}{report}";
}

/// <summary>
/// Thrown when input data is malformed: unreadable CSV, non-numeric or infinite values, duplicate rows,
/// indicators or periods the definition needs but the data lacks.
/// </summary>
public sealed class IndexDataException : CompositeIndexException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message, naming the offending item.</param>
    /// <param name="source">The file name or other description of the data source, if known.</param>
    /// <param name="line">The 1-based line in the source, if known.</param>
    /// <param name="column">The column name in the source (for JSON, the JSONPath), if known.</param>
    /// <param name="inner">The exception that caused this one, if any.</param>
    public IndexDataException(string message, string? source = null, long? line = null, string? column = null, Exception? inner = null)
        : base(Compose(message, source, line, column), inner)
    {
        DataSource = source;
        Line = line;
        Column = column;
    }

    /// <summary>Gets the file name or description of the data source, if known.</summary>
    public string? DataSource { get; }

    /// <summary>Gets the 1-based line in the source, if known.</summary>
    public long? Line { get; }

    /// <summary>Gets the column name, if known; for JSON sources (result files), the JSONPath of the offending value, e.g. <c>$.scores[3].score</c>.</summary>
    public string? Column { get; }

    private static string Compose(string message, string? source, long? line, string? column)
    {
        var where = new List<string>(3);
        if (source is not null)
        {
            where.Add(source);
        }

        if (line is not null)
        {
            where.Add($"line {line}");
        }

        if (column is not null)
        {
            where.Add($"column '{column}'");
        }

        return where.Count == 0 ? message : $"{string.Join(", ", where)}: {message}";
    }
}

/// <summary>
/// Thrown when a method cannot compute a defined value from valid input, e.g. a zero range in a
/// min-max normalisation or a non-positive value under a geometric mean.
/// </summary>
public sealed class NumericalException : CompositeIndexException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message.</param>
    /// <param name="nodeId">The indicator or group concerned.</param>
    /// <param name="unitId">The unit concerned, if any.</param>
    /// <param name="period">The period concerned, if any.</param>
    public NumericalException(string message, string nodeId, string? unitId = null, string? period = null)
        : base(Compose(message, nodeId, unitId, period))
    {
        NodeId = nodeId;
        UnitId = unitId;
        Period = period;
    }

    /// <summary>Gets the indicator or group id concerned.</summary>
    public string NodeId { get; }

    /// <summary>Gets the unit id concerned, if any.</summary>
    public string? UnitId { get; }

    /// <summary>Gets the period concerned, if any.</summary>
    public string? Period { get; }

    private static string Compose(string message, string nodeId, string? unitId, string? period)
    {
        var where = $"'{nodeId}'";
        if (unitId is not null)
        {
            where += $", unit '{unitId}'";
        }

        if (period is not null)
        {
            where += $", period '{period}'";
        }

        return $"{where}: {message}";
    }
}

/// <summary>
/// Thrown when a look-up names a node, unit, period, output or variant that the result (or index) does not have.
/// Derives from <see cref="CompositeIndexException"/> so that one <c>catch</c> handles every bad-input error;
/// <see cref="Kind"/> and <see cref="Key"/> say what was looked up.
/// </summary>
public sealed class UnknownKeyException : CompositeIndexException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="kind">What was looked up: <c>"node"</c>, <c>"unit"</c>, <c>"period"</c>, <c>"output"</c>, <c>"variant"</c>, <c>"group"</c>, ...</param>
    /// <param name="key">The key that was not found.</param>
    /// <param name="message">The message; <see langword="null"/> for the default (<c>The result has no node 'x'.</c>).</param>
    public UnknownKeyException(string kind, string key, string? message = null)
        : base(message ?? $"The result has no {kind} '{key}'.")
    {
        Kind = kind;
        Key = key;
    }

    /// <summary>Gets what was looked up (<c>"node"</c>, <c>"unit"</c>, <c>"period"</c>, <c>"output"</c>, <c>"variant"</c>, ...).</summary>
    public string Kind { get; }

    /// <summary>Gets the key that was not found.</summary>
    public string Key { get; }
}

/// <summary>
/// Thrown when an operation needs a capability the definition's method does not have, e.g. explaining the change of a
/// group whose aggregation is not a quasi-arithmetic mean (<see cref="AggregationMethod.ChangeRule"/>).
/// </summary>
public sealed class MethodNotSupportedException : CompositeIndexException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="message">The message, naming the node and method.</param>
    /// <param name="methodName">The method's JSON name.</param>
    public MethodNotSupportedException(string message, string methodName)
        : base(message) => MethodName = methodName;

    /// <summary>Gets the JSON name of the method that lacks the capability.</summary>
    public string MethodName { get; }
}
