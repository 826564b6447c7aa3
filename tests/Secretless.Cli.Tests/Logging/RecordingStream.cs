namespace Secretless.Cli.Tests.Logging;

/// <summary>
/// A write-only stream that keeps what it was given and counts write calls; writes can be held at
/// a gate (to line up entries behind a write in progress) or made to fail like a closed stderr.
/// </summary>
internal sealed class RecordingStream : Stream
{
    private readonly MemoryStream _written = new();
    private readonly Lock _gate = new();

    public ManualResetEventSlim Open { get; } = new(initialState: true);

    public TaskCompletionSource FirstWriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Fail { get; init; }

    public int Writes { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return System.Text.Encoding.UTF8.GetString(_written.ToArray());
            }
        }
    }

    public string[] Lines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        FirstWriteStarted.TrySetResult();
        Open.Wait(TimeSpan.FromMinutes(1));
        if (Fail)
        {
            throw new IOException("Broken pipe");
        }

        lock (_gate)
        {
            Writes++;
            _written.Write(buffer);
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Open.Dispose();
            _written.Dispose();
        }

        base.Dispose(disposing);
    }
}
