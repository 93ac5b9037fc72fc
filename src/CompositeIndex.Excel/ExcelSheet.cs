using System.Globalization;

namespace CompositeIndex.Excel;

/// <summary>Which sheet of a workbook to read: the first, one by name, or one by position.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class ExcelSheet
{
    private ExcelSheet(string? name, int? index, bool nameOrNumber)
    {
        Name = name;
        Index = index;
        NameOrNumber = nameOrNumber;
    }

    /// <summary>Gets the first sheet of the workbook (in tab order, hidden sheets included).</summary>
    public static ExcelSheet First { get; } = new(null, 0, false);

    /// <summary>Gets the sheet name asked for, if any.</summary>
    public string? Name { get; }

    /// <summary>Gets the 0-based position asked for (tab order, hidden sheets included), if any.</summary>
    public int? Index { get; }

    /// <summary>Gets a value indicating whether <see cref="Name"/> may also be read as a 1-based position (see <see cref="FromText"/>).</summary>
    internal bool NameOrNumber { get; }

    /// <summary>Selects the sheet with this name (compared ordinally, ignoring case, as Excel does).</summary>
    /// <param name="name">The sheet name.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static ExcelSheet Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(name, null, false);
    }

    /// <summary>Selects the sheet at a 0-based position in tab order (hidden sheets included).</summary>
    /// <param name="index">The position; 0 is the first sheet.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static ExcelSheet At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new(null, index, false);
    }

    /// <summary>
    /// Selects a sheet as a user typed it (the command line's <c>--sheet</c>): the sheet of that name, or, when no sheet
    /// has that name and the text is a whole number <c>n</c> ≥ 1, the n-th sheet.
    /// </summary>
    /// <param name="text">The name or 1-based number.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public static ExcelSheet FromText(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new(text, null, int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1);
    }

    /// <inheritdoc/>
    public override string ToString() => Name is not null ? $"sheet '{Name}'" : $"sheet {Index + 1}";
}
