namespace Secretless.Aws.Tests.DynamoDb;

/// <summary>A clock the test sets; timers (backoff, table polling) still run on real time.</summary>
internal sealed class SettableTimeProvider : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
