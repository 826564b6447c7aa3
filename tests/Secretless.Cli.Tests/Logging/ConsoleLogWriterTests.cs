using Microsoft.Extensions.Logging;
using Secretless.Cli.Logging;

namespace Secretless.Cli.Tests.Logging;

public sealed class ConsoleLogWriterTests
{
    private static readonly TextLogLineFormatter Formatter = new(color: false);

    [Fact]
    public async Task Enqueue_LinesQueuedDuringAWrite_AreWrittenTogetherInOneCall()
    {
        using var stream = new RecordingStream();
        stream.Open.Reset();
        var writer = new ConsoleLogWriter(stream, Formatter);

        writer.Enqueue(Entry("line 0"));
        await stream.FirstWriteStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
        for (var i = 1; i < 1000; i++)
        {
            writer.Enqueue(Entry($"line {i}"));
        }

        stream.Open.Set();
        writer.Dispose();

        Assert.Equal(2, stream.Writes);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"line {i}"), stream.Lines.Select(MessageOf));
    }

    [Fact]
    public async Task Enqueue_ManyThreadsPastTheCapacity_LosesNothingAndKeepsEachThreadsOrder()
    {
        using var stream = new RecordingStream();
        var writer = new ConsoleLogWriter(stream, Formatter, capacity: 16);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++)
            {
                writer.Enqueue(Entry($"t{thread} {i}"));
            }
        })));
        writer.Dispose();

        var messages = stream.Lines.Select(MessageOf).ToList();
        Assert.Equal(20_000, messages.Count);
        for (var thread = 0; thread < 4; thread++)
        {
            var prefix = $"t{thread} ";
            var sequence = messages.Where(m => m.StartsWith(prefix, StringComparison.Ordinal)).Select(m => int.Parse(m[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Enumerable.Range(0, 5000), sequence);
        }
    }

    [Fact]
    public async Task Enqueue_QueueFull_CallerWaitsForTheWriterInsteadOfDropping()
    {
        using var stream = new RecordingStream();
        stream.Open.Reset();
        var writer = new ConsoleLogWriter(stream, Formatter, capacity: 1);
        writer.Enqueue(Entry("held in the write"));
        await stream.FirstWriteStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));

        var producer = Task.Run(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                writer.Enqueue(Entry($"queued {i}"));
            }
        });
        await Task.Delay(200);
        Assert.False(producer.IsCompleted, "the second queued entry must wait while the queue holds one");

        stream.Open.Set();
        await producer.WaitAsync(TimeSpan.FromMinutes(1));
        writer.Dispose();

        Assert.Equal(["held in the write", .. Enumerable.Range(0, 5).Select(i => $"queued {i}")], stream.Lines.Select(MessageOf));
    }

    [Fact]
    public void Enqueue_BrokenStream_DropsTheLinesWithoutThrowing()
    {
        using var stream = new RecordingStream { Fail = true };
        var writer = new ConsoleLogWriter(stream, Formatter);

        for (var i = 0; i < 10; i++)
        {
            writer.Enqueue(Entry($"lost {i}"));
        }

        writer.Dispose();

        Assert.Equal(10, writer.Dropped);
        Assert.Empty(stream.Text);
    }

    [Fact]
    public void Enqueue_AfterDispose_WritesAtOnce()
    {
        using var stream = new RecordingStream();
        var writer = new ConsoleLogWriter(stream, Formatter);
        writer.Enqueue(Entry("before"));
        writer.Dispose();

        writer.Enqueue(Entry("after"));

        Assert.Equal(["before", "after"], stream.Lines.Select(MessageOf));
    }

    private static ConsoleLogEntry Entry(string message)
        => new(DateTimeOffset.UnixEpoch, LogLevel.Information, "Test", new EventId(1), message, null, null);

    // "HH:mm:ss info: Test[1] message"
    private static string MessageOf(string line) => line[(line.IndexOf("] ", StringComparison.Ordinal) + 2)..];
}
