using Parquet;

namespace CompositeIndex.Parquet;

/// <summary>
/// Reads panels from Apache Parquet files, in the wide or long layout, with the same column options and rules as CSV
/// (<see cref="CsvOptions"/>: unit, period, name, indicator and value columns, indicator maps, attributes, missing
/// tokens) and the same checks and messages (duplicate rows, missing columns, values that are not numbers).
/// </summary>
/// <remarks>
/// <para>Columns are read by type. Floating-point columns (<c>DOUBLE</c>, <c>FLOAT</c>) give their values exactly
/// (a float widened to double); integer columns (8 to 64 bits) and <c>DECIMAL</c> columns give the double nearest to
/// the number, which is what reading the number's CSV text gives; a null is missing; a NaN value is read as the text
/// <c>NaN</c> (missing under the default <see cref="CsvOptions.MissingTokens"/>, as in CSV); an infinity is refused as
/// not finite. Text columns are parsed as CSV fields are (missing tokens, then a number, with
/// <see cref="CsvOptions.DecimalComma"/>). Booleans, dates (<c>2024-01-31</c>) and UUIDs are read as text (ids).
/// Ids from integer columns (a year as the period) keep their exact digits. List, map, struct, repeated and binary
/// columns are refused by name when they are read. <see cref="CsvOptions.Separator"/> and
/// <see cref="CsvOptions.Encoding"/> do not apply.</para>
/// <para>Only the columns the read needs are loaded, one row group at a time; a row group may declare at most
/// 67,108,864 rows (checked from the file's metadata before anything is allocated). Errors name the file, the row
/// (counted from 1, the first data row, across row groups) and the column: <c>cities.parquet, row 12, column
/// 'income'</c>. A file that is not Parquet, or is damaged, fails with <see cref="IndexDataException"/>.</para>
/// <para>Built on Parquet.Net (fully managed, MIT), whose API is asynchronous; there are no synchronous overloads (call
/// <c>.GetAwaiter().GetResult()</c> where no synchronisation context is involved, as in a console application).
/// Thread-safe (no state).</para>
/// </remarks>
public static class ParquetPanel
{
    /// <summary>Reads a wide file: one row per unit and period, a column per indicator.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file cannot be opened, is not Parquet, or a value is malformed (named by row and column).</exception>
    /// <example><code>
    /// var panel = await ParquetPanel.ReadWideAsync("indicators.parquet", new CsvOptions { UnitColumn = "district", UnitNameColumn = "name" });
    /// </code></example>
    public static Task<Panel> ReadWideAsync(string path, CsvOptions? options) => ReadWideAsync(path, options, CancellationToken.None);

    /// <summary>Reads a wide file: one row per unit and period, a column per indicator.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read (checked at every row and column chunk).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file cannot be opened, is not Parquet, or a value is malformed (named by row and column).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Task<Panel> ReadWideAsync(string path, CsvOptions? options, CancellationToken cancellationToken) =>
        ReadFileAsync(path, s => CsvPanelReader.StartWide(s, options ?? CsvOptions.Default), cancellationToken);

    /// <summary>Reads a long file: one row per unit, period and indicator.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file cannot be opened, is not Parquet, or a value is malformed (named by row and column).</exception>
    public static Task<Panel> ReadLongAsync(string path, CsvOptions? options) => ReadLongAsync(path, options, CancellationToken.None);

    /// <summary>Reads a long file: one row per unit, period and indicator.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read (checked at every row and column chunk).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The file cannot be opened, is not Parquet, or a value is malformed (named by row and column).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Task<Panel> ReadLongAsync(string path, CsvOptions? options, CancellationToken cancellationToken) =>
        ReadFileAsync(path, s => CsvPanelReader.StartLong(s, options ?? CsvOptions.Default), cancellationToken);

    /// <summary>Reads a wide file from a stream (seekable streams are read in place; others are copied to memory first).</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="source">A name for the file used in messages.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read (checked at every row and column chunk).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The stream is not Parquet, or a value is malformed (named by row and column).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Task<Panel> ReadWideAsync(Stream stream, string source, CsvOptions? options, CancellationToken cancellationToken) =>
        ReadStreamAsync(stream, source, s => CsvPanelReader.StartWide(s, options ?? CsvOptions.Default), cancellationToken);

    /// <summary>Reads a long file from a stream (seekable streams are read in place; others are copied to memory first).</summary>
    /// <param name="stream">The file's bytes.</param>
    /// <param name="source">A name for the file used in messages.</param>
    /// <param name="options">The column options; <see langword="null"/> for <see cref="CsvOptions.Default"/>.</param>
    /// <param name="cancellationToken">Stops the read (checked at every row and column chunk).</param>
    /// <returns>The panel.</returns>
    /// <exception cref="IndexDataException">The stream is not Parquet, or a value is malformed (named by row and column).</exception>
    /// <exception cref="OperationCanceledException">Cancellation was requested.</exception>
    public static Task<Panel> ReadLongAsync(Stream stream, string source, CsvOptions? options, CancellationToken cancellationToken) =>
        ReadStreamAsync(stream, source, s => CsvPanelReader.StartLong(s, options ?? CsvOptions.Default), cancellationToken);

    /// <summary>Reads the column names of a file's schema (top-level columns, names trimmed and in Unicode form C as the reader stores them).</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The column names.</returns>
    /// <exception cref="IndexDataException">The file cannot be opened or is not Parquet.</exception>
    public static async Task<IReadOnlyList<string>> ReadHeaderAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        var stream = OpenFile(path);
        await using (stream.ConfigureAwait(false))
        {
            var reader = await OpenReaderAsync(stream, name, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return [.. reader.Schema.Fields.Select(f => PanelBuilder.NormalizeId(f.Name.Trim()))];
            }
        }
    }

    private static async Task<Panel> ReadFileAsync(string path, Func<TableSource, CsvPanelReader.TableReader> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = OpenFile(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, Path.GetFileName(path), start, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Panel> ReadStreamAsync(Stream stream, string source, Func<TableSource, CsvPanelReader.TableReader> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        if (stream.CanSeek)
        {
            return await ReadAsync(stream, source, start, cancellationToken).ConfigureAwait(false);
        }

        var copy = new MemoryStream();
        await using (copy.ConfigureAwait(false))
        {
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            return await ReadAsync(copy, source, start, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Panel> ReadAsync(Stream stream, string source, Func<TableSource, CsvPanelReader.TableReader> start, CancellationToken cancellationToken)
    {
        var reader = await OpenReaderAsync(stream, source, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var table = new ParquetTableSource(reader, source);
            var panel = start(table);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    await table.LoadAsync(g, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsLibraryFailure(ex))
                {
                    throw Damaged(source, $"row group {g} cannot be read", ex);
                }

                panel.ReadRecords(cancellationToken);
            }

            return panel.Build();
        }
    }

    private static async Task<ParquetReader> OpenReaderAsync(Stream stream, string source, CancellationToken cancellationToken)
    {
        ParquetReader? reader = null;
        try
        {
            reader = await ParquetReader.CreateAsync(stream, null, leaveStreamOpen: true, cancellationToken).ConfigureAwait(false);
            _ = reader.Schema.Fields.Count; // the schema is decoded here: a damaged one fails now, as the file's failure
            return reader;
        }
        catch (Exception ex) when (IsLibraryFailure(ex))
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }

            throw Damaged(source, "it cannot be opened", ex);
        }
    }

    /// <summary>
    /// Whether an exception comes from Parquet.Net failing on the bytes: a damaged file makes it throw a range of types
    /// (I/O, Thrift protocol, argument, overflow, even null-reference exceptions), so anything but cancellation, our own
    /// data errors and out-of-memory is taken as "the file is damaged" and reported as data, never as a crash.
    /// </summary>
    private static bool IsLibraryFailure(Exception ex) =>
        ex is not (OperationCanceledException or IndexDataException or OutOfMemoryException);

    private static IndexDataException Damaged(string source, string what, Exception ex) =>
        new($"The file is not a readable Parquet file ({what}): {OneLine(ex.Message)}", source, inner: ex);

    private static string OneLine(string message)
    {
        var line = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 200), "…");
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IndexDataException($"Cannot open the file: {ex.Message}", path, inner: ex);
        }
    }
}
