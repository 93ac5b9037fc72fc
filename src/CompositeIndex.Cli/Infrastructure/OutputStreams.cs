using System.Text;

namespace CompositeIndex.Cli;

/// <summary>
/// Write-only streams for streamed output: every write checks the cancellation token (so Ctrl-C acts while a large
/// JSON document is being written, not after), and <see cref="ToText"/> writes UTF-8 bytes to a text writer (stdout)
/// without buffering the document.
/// </summary>
internal static class OutputStreams
{
    /// <summary>A pass-through over <paramref name="inner"/> that throws <see cref="OperationCanceledException"/> on the first write after cancellation.</summary>
    public static Stream Cancellable(Stream inner, CancellationToken ct) => new Checked(inner, ct, null);

    /// <summary>A stream whose UTF-8 bytes go, decoded, to <paramref name="writer"/>.</summary>
    public static Stream ToText(TextWriter writer, CancellationToken ct) => new Checked(null, ct, writer);

    private sealed class Checked(Stream? inner, CancellationToken ct, TextWriter? text) : Stream
    {
        private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();
        private char[] chars = [];

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
            inner?.Flush();
            text?.Flush();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            ct.ThrowIfCancellationRequested();
            if (inner is not null)
            {
                inner.Write(buffer);
                return;
            }

            var needed = decoder.GetCharCount(buffer, flush: false);
            if (chars.Length < needed)
            {
                chars = new char[Math.Max(needed, 4096)];
            }

            var n = decoder.GetChars(buffer, chars, flush: false);
            text!.Write(chars, 0, n);
        }
    }
}
