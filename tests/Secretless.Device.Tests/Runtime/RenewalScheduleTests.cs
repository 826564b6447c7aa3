using Secretless.Device.Runtime;

namespace Secretless.Device.Tests.Runtime;

public sealed class RenewalScheduleTests
{
    private static readonly DateTimeOffset NotBefore = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = NotBefore.AddDays(100);

    [Fact]
    public void DueAt_ObtainedAtNotBefore_IsTheFractionOfTheLifetime()
    {
        Assert.Equal(NotBefore.AddDays(80), RenewalSchedule.DueAt(NotBefore, NotAfter, NotBefore, 0.8));
    }

    [Fact]
    public void DueAt_NotBeforeBackdated_CountsFromWhenTheDeviceObtainedIt()
    {
        // The service back-dates notBefore by minutes; a tiny fraction must still lie ahead.
        var obtained = NotBefore.AddMinutes(5);

        var due = RenewalSchedule.DueAt(NotBefore, NotAfter, obtained, 0.00001);

        Assert.Equal(obtained + TimeSpan.FromTicks((long)(TimeSpan.FromDays(100).Ticks * 0.00001)), due);
        Assert.True(due > obtained);
    }

    [Fact]
    public void DueAt_FractionOne_IsNeverAfterExpiry()
    {
        Assert.Equal(NotAfter, RenewalSchedule.DueAt(NotBefore, NotAfter, NotBefore.AddDays(50), 1));
    }

    [Fact]
    public void DueAt_ObtainedBeforeNotBefore_CountsFromNotBefore()
    {
        Assert.Equal(NotBefore.AddDays(50), RenewalSchedule.DueAt(NotBefore, NotAfter, NotBefore.AddDays(-3), 0.5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void DueAt_FractionOutsideRange_Throws(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RenewalSchedule.DueAt(NotBefore, NotAfter, NotBefore, fraction));
    }
}
