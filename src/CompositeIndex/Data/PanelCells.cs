namespace CompositeIndex;

/// <summary>
/// The values a <see cref="PanelBuilder"/> has collected, by (unit, period) row and indicator, without an object or a
/// hash entry per cell: a row starts sparse (a few (indicator, value) pairs) and becomes a dense <see cref="double"/>
/// array once it holds a quarter of the indicators known (at once when the caller fills rows densely, as the wide CSV
/// reader does). A fully dense panel so costs one double per cell while reading and twice that while
/// <see cref="Scatter"/> copies it into the panel's array; a sparse one (one value per unit of 20,000 indicators)
/// costs about 12 bytes per value.
/// </summary>
/// <remarks>Mutable and not thread-safe.</remarks>
internal sealed class PanelCells
{
    /// <summary>A quiet NaN with a payload no computation produces: marks a dense slot never set (a value given as NaN is stored as <see cref="double.NaN"/>).</summary>
    private const long UnsetBits = 0x7FF8_0000_0000_0BADL;

    private readonly Dictionary<long, int> rowOf = [];
    private readonly List<Row> rows = [];

    /// <summary>Gets or sets a value indicating whether new rows start dense (the caller will fill most of each row).</summary>
    public bool DenseRows { get; set; }

    /// <summary>Gets the number of (unit, period) rows.</summary>
    public int RowCount => rows.Count;

    /// <summary>Finds or adds the row of a unit and period.</summary>
    /// <param name="unit">The unit slot.</param>
    /// <param name="period">The period slot.</param>
    /// <param name="indicatorCount">The indicators known so far (the width of a new dense row).</param>
    /// <param name="added">Whether the row is new.</param>
    /// <returns>The row index.</returns>
    public int RowFor(int unit, int period, int indicatorCount, out bool added)
    {
        var key = ((long)unit << 32) | (uint)period;
        if (rowOf.TryGetValue(key, out var r))
        {
            added = false;
            return r;
        }

        r = rows.Count;
        rowOf.Add(key, r);
        var row = new Row(unit, period);
        if (DenseRows)
        {
            row.Dense = NewDense(Math.Max(indicatorCount, 1));
        }

        rows.Add(row);
        added = true;
        return r;
    }

    /// <summary>Sets a value; returns <see langword="false"/> when the cell was already set.</summary>
    /// <param name="rowIndex">The row.</param>
    /// <param name="indicator">The indicator slot.</param>
    /// <param name="value">The value (NaN = missing, stored as given).</param>
    /// <param name="indicatorCount">The indicators known so far.</param>
    /// <returns>Whether the value was set.</returns>
    public bool TrySet(int rowIndex, int indicator, double value, int indicatorCount)
    {
        var row = rows[rowIndex];
        if (double.IsNaN(value))
        {
            value = double.NaN; // never the unset marker
        }

        if (row.Dense is { } dense)
        {
            if (indicator >= dense.Length)
            {
                row.Dense = dense = Grow(dense, Math.Max(indicator + 1, Math.Max(indicatorCount, dense.Length * 2)));
            }

            if (BitConverter.DoubleToInt64Bits(dense[indicator]) != UnsetBits)
            {
                return false;
            }

            dense[indicator] = value;
            return true;
        }

        for (var k = 0; k < row.Count; k++)
        {
            if (row.Index![k] == indicator)
            {
                return false;
            }
        }

        if (row.Count >= 8 && row.Count * 4 >= indicatorCount)
        {
            // A quarter of the known indicators or more: a dense array costs at most ~2.7x the pairs; switch.
            var d = NewDense(Math.Max(indicatorCount, indicator + 1));
            for (var k = 0; k < row.Count; k++)
            {
                d[row.Index![k]] = row.Value![k];
            }

            d[indicator] = value;
            row.Dense = d;
            row.Index = null;
            row.Value = null;
            row.Count = 0;
            return true;
        }

        if (row.Index is null || row.Count == row.Index.Length)
        {
            var size = row.Index is null ? 4 : row.Index.Length * 2;
            Array.Resize(ref row.Index, size);
            Array.Resize(ref row.Value, size);
        }

        row.Index[row.Count] = indicator;
        row.Value![row.Count] = value;
        row.Count++;
        return true;
    }

    /// <summary>Gets whether a cell was set.</summary>
    public bool Contains(int unit, int period, int indicator)
    {
        if (!rowOf.TryGetValue(((long)unit << 32) | (uint)period, out var r))
        {
            return false;
        }

        var row = rows[r];
        if (row.Dense is { } dense)
        {
            return indicator < dense.Length && BitConverter.DoubleToInt64Bits(dense[indicator]) != UnsetBits;
        }

        return Array.IndexOf(row.Index ?? [], indicator, 0, row.Count) >= 0;
    }

    /// <summary>Copies every value into a panel array laid out indicator-major, then period, then unit (unset cells stay as they are, NaN).</summary>
    /// <param name="values">The destination, filled with NaN.</param>
    /// <param name="unitCount">The number of units.</param>
    /// <param name="periodCount">The number of periods.</param>
    /// <param name="periodRemap">The sorted position of each period slot.</param>
    /// <param name="indicatorCount">The number of indicators.</param>
    public void Scatter(double[] values, int unitCount, int periodCount, int[] periodRemap, int indicatorCount)
    {
        foreach (var row in rows)
        {
            var baseOffset = (long)periodRemap[row.Period] * unitCount + row.Unit;
            var stride = (long)periodCount * unitCount;
            if (row.Dense is { } dense)
            {
                var n = Math.Min(dense.Length, indicatorCount);
                for (var i = 0; i < n; i++)
                {
                    var v = dense[i];
                    if (BitConverter.DoubleToInt64Bits(v) != UnsetBits)
                    {
                        values[(i * stride) + baseOffset] = v;
                    }
                }
            }
            else
            {
                for (var k = 0; k < row.Count; k++)
                {
                    values[(row.Index![k] * stride) + baseOffset] = row.Value![k];
                }
            }
        }
    }

    private static double[] NewDense(int size)
    {
        var d = new double[size];
        d.AsSpan().Fill(BitConverter.Int64BitsToDouble(UnsetBits));
        return d;
    }

    private static double[] Grow(double[] dense, int size)
    {
        var d = NewDense(size);
        dense.CopyTo(d, 0);
        return d;
    }

    /// <summary>One (unit, period) row: dense, or up to a quarter of the indicators as (indicator, value) pairs.</summary>
    private sealed class Row(int unit, int period)
    {
        public int[]? Index;
        public double[]? Value;
        public double[]? Dense;
        public int Count;
        public readonly int Unit = unit;
        public readonly int Period = period;
    }
}
