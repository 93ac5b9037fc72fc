namespace CompositeIndex;

/// <summary>
/// One problem found while validating an index definition.
/// </summary>
/// <param name="Code">A stable code such as <c>CI1001</c> (see <see cref="ErrorCodes"/>).</param>
/// <param name="Path">
/// A JSONPath-style location of the offending item, e.g. <c>$.groups[2].children[0].weight</c>.
/// The path refers to the JSON form of the definition; definitions built in code use the same paths.
/// </param>
/// <param name="Message">A plain-language description that names the offending item.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record DefinitionError(string Code, string Path, string Message)
{
    /// <summary>Gets the 1-based line in the JSON source, when the definition was read from text.</summary>
    public int? Line { get; init; }

    /// <summary>Returns <c>"Code Path: Message"</c> (with the line when known).</summary>
    /// <returns>A one-line description of the error.</returns>
    public override string ToString() =>
        Line is { } line ? $"{Code} {Path} (line {line}): {Message}" : $"{Code} {Path}: {Message}";
}

/// <summary>
/// The stable error codes used in <see cref="DefinitionError.Code"/>.
/// </summary>
public static class ErrorCodes
{
    /// <summary>An id is null, empty or whitespace.</summary>
    public const string EmptyId = "CI1001";
    /// <summary>Two nodes (indicators or groups) share an id.</summary>
    public const string DuplicateId = "CI1002";
    /// <summary>A group refers to a child that is neither an indicator nor a group.</summary>
    public const string UnknownChild = "CI1003";
    /// <summary>The hierarchy contains a cycle.</summary>
    public const string Cycle = "CI1004";
    /// <summary>A weight is negative, NaN or infinite.</summary>
    public const string InvalidWeight = "CI1005";
    /// <summary>All weights of a group are zero.</summary>
    public const string AllWeightsZero = "CI1006";
    /// <summary>A node is the child of more than one group.</summary>
    public const string MultipleParents = "CI1007";
    /// <summary>The root group cannot be determined (none or several candidates, or unknown root id).</summary>
    public const string Root = "CI1008";
    /// <summary>A group has no children.</summary>
    public const string EmptyGroup = "CI1009";
    /// <summary>A method parameter is out of its valid range.</summary>
    public const string InvalidParameter = "CI1010";
    /// <summary>An indicator is not reachable from the root group.</summary>
    public const string Unreachable = "CI1011";
    /// <summary>A required value (name, method, ...) is missing.</summary>
    public const string Missing = "CI1012";
    /// <summary>A child appears twice in the same group.</summary>
    public const string DuplicateChild = "CI1013";
    /// <summary>A method name is not known to the method registry.</summary>
    public const string UnknownMethod = "CI1014";
    /// <summary>The JSON text is malformed (the parser cannot go on), empty, or cannot be read as a definition at all.</summary>
    public const string Json = "CI1015";
    /// <summary>The schema version is unknown to this library version.</summary>
    public const string SchemaVersion = "CI1016";
    /// <summary>A size limit is exceeded (see <see cref="Limits"/>).</summary>
    public const string Limit = "CI1017";
    /// <summary>An object has a property its type does not know (the nearest known name is suggested).</summary>
    public const string UnknownProperty = "CI1018";
    /// <summary>An object gives the same property twice.</summary>
    public const string DuplicateProperty = "CI1019";
    /// <summary>A JSON value does not fit its property: wrong JSON type, null where a value is required, not a whole number, out of range, or not one of the allowed names.</summary>
    public const string InvalidJsonValue = "CI1020";
}

/// <summary>
/// The size limits of definitions (enforced by validation with a <see cref="ErrorCodes.Limit"/> error) and of the
/// arrays computed from data (checked in 64-bit arithmetic before anything is allocated; exceeding one throws a
/// <see cref="IndexDataException"/> or a validation error that names the limit and the requested size).
/// </summary>
/// <remarks>
/// <para>The cell limit bounds every dense table: the panel (units × periods × indicators), an evaluation's scores
/// (nodes × periods × units), and a sensitivity analysis's per-run storage (the rank histogram periods × units², runs ×
/// outputs, the kept replicates runs × periods × units, the Saltelli base points N × factors, bootstrap resamples ×
/// factors). At 8 bytes a cell, one such table stays within 2 GiB.</para>
/// </remarks>
public static class Limits
{
    /// <summary>The maximum number of cells of one dense table computed from data: 268,435,456 (2^28; 2 GiB of doubles).</summary>
    public const long MaxCells = 1L << 28;

    /// <summary>The maximum number of runs of one sensitivity analysis (N·(k + 2) for Saltelli, N for Monte Carlo): 16,777,216 (2^24).</summary>
    public const int MaxSensitivityRuns = 1 << 24;

    /// <summary>The maximum number of bootstrap resamples of the Sobol confidence intervals: 1,000,000.</summary>
    public const int MaxBootstrapResamples = 1_000_000;

    /// <summary>
    /// Throws an <see cref="IndexDataException"/> when a table of <paramref name="factors"/> (size, name) pairs would have more
    /// than <see cref="MaxCells"/> cells; returns the number of cells otherwise. The product is computed without overflow.
    /// </summary>
    internal static long CheckCells(string what, params (long Size, string Name)[] factors)
    {
        var cells = Cells(factors);
        if (cells > MaxCells)
        {
            throw new IndexDataException(TooLarge(what, factors, cells));
        }

        return (long)cells;
    }

    /// <summary>The product of the sizes (saturating far above any limit, never overflowing).</summary>
    internal static Int128 Cells(params (long Size, string Name)[] factors)
    {
        Int128 cells = 1;
        foreach (var (size, _) in factors)
        {
            cells *= Math.Max(0, size);
            if (cells > long.MaxValue)
            {
                return (Int128)long.MaxValue + 1;
            }
        }

        return cells;
    }

    /// <summary>"{what} would have 65,536 units × 65,537 indicators = 4,295,032,832 cells; the limit is 268,435,456 (Limits.MaxCells, 2 GiB of doubles)."</summary>
    internal static string TooLarge(string what, (long Size, string Name)[] factors, Int128 cells) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{what} would have {string.Join(" × ", factors.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f.Size:N0} {f.Name}")))} = {(cells > long.MaxValue ? "more than 9.2e18" : ((long)cells).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} cells; the limit is {MaxCells:N0} (Limits.MaxCells, 2 GiB of doubles).");

    /// <summary>The maximum depth of the hierarchy (levels below the root): 1,000.</summary>
    public const int MaxHierarchyDepth = 1_000;

    /// <summary>The maximum number of nodes (indicators plus groups) in one definition: 1,000,000.</summary>
    public const int MaxNodes = 1_000_000;
}
