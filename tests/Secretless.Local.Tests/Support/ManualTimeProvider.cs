namespace Secretless.Local.Tests.Support;

/// <summary>A clock the test sets; only <see cref="GetUtcNow"/> is used by the local backends.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
