using System.Buffers;

namespace Secretless.Cli.Logging;

/// <summary>
/// Writes log lines to a stream from one background thread, in batches: the first entry after
/// a quiet spell wakes the thread, which waits <see cref="Linger"/> for more and then writes
/// everything queued with one write call. The framework's console logger writes (and flushes)
/// each line separately; at thousands of lines per second that cost about a tenth of the
/// server's throughput. Shared by every host of the process, so lines never interleave.
/// A full queue makes callers wait rather than drop lines; a broken stream drops them instead of
/// failing the caller. Entries are written in the order they were queued.
/// </summary>
internal sealed class ConsoleLogWriter : IDisposable
{
    /// <summary>How long the thread gathers lines after being woken (so lines appear at most this late).</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(10);

    private const int BufferSize = 64 * 1024;

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Queue<ConsoleLogEntry> _queue = new();
    private readonly List<ConsoleLogEntry> _batch = [];
    private ArrayBufferWriter<byte> _buffer = new(BufferSize);
    private readonly Lock _writeLock = new();
    private readonly Stream _output;
    private readonly ILogLineFormatter _formatter;
    private readonly int _capacity;
    private readonly Thread _thread;
    private bool _threadWaiting;
    private int _blockedCallers;
    private bool _completed;

    /// <param name="output">Where lines go (not disposed here: usually stderr).</param>
    /// <param name="capacity">Entries queued before callers wait for the thread.</param>
    public ConsoleLogWriter(Stream output, ILogLineFormatter formatter, int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _output = output;
        _formatter = formatter;
        _capacity = capacity;
        _thread = new Thread(Run) { IsBackground = true, Name = "secretless-log-writer" };
        _thread.Start();
    }

    /// <summary>Lines that could not be written because the stream failed.</summary>
    public long Dropped { get; private set; }

    public void Enqueue(in ConsoleLogEntry entry)
    {
        lock (_queue)
        {
            while (_queue.Count >= _capacity && !_completed)
            {
                _blockedCallers++;
                Monitor.Wait(_queue);
                _blockedCallers--;
            }

            if (!_completed)
            {
                _queue.Enqueue(entry);
                if (_threadWaiting)
                {
                    Monitor.PulseAll(_queue);
                }

                return;
            }
        }

        // After Dispose (the host logging its last words): written at once, in the caller.
        lock (_writeLock)
        {
            _batch.Clear();
            _batch.Add(entry);
            WriteBatch();
        }
    }

    /// <summary>Writes what is queued, then stops the thread.</summary>
    public void Dispose()
    {
        lock (_queue)
        {
            _completed = true;
            Monitor.PulseAll(_queue);
        }

        _thread.Join(DrainTimeout);
    }

    private void Run()
    {
        while (true)
        {
            lock (_queue)
            {
                while (_queue.Count == 0 && !_completed)
                {
                    _threadWaiting = true;
                    Monitor.Wait(_queue);
                    _threadWaiting = false;
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                if (!_completed)
                {
                    // Releases the lock: callers keep queueing while the thread gathers a batch.
                    Monitor.Wait(_queue, Linger);
                }
            }

            lock (_writeLock)
            {
                lock (_queue)
                {
                    _batch.Clear();
                    while (_queue.TryDequeue(out var entry))
                    {
                        _batch.Add(entry);
                    }

                    if (_blockedCallers > 0)
                    {
                        Monitor.PulseAll(_queue);
                    }
                }

                WriteBatch();
            }
        }
    }

    private void WriteBatch()
    {
        _buffer.ResetWrittenCount();
        foreach (var entry in _batch)
        {
            _formatter.Write(entry, _buffer);
        }

        try
        {
            _output.Write(_buffer.WrittenSpan);
            _output.Flush();
        }
        catch (Exception failure) when (failure is IOException or ObjectDisposedException or NotSupportedException)
        {
            // stderr closed or a full disk: logging must not take the server down with it.
            Dropped += _batch.Count;
        }

        _batch.Clear();
        if (_buffer.Capacity > 16 * BufferSize)
        {
            // One burst of huge lines must not pin a large buffer for the rest of the process.
            _buffer = new ArrayBufferWriter<byte>(BufferSize);
        }
    }
}
