using System.Globalization;
using System.Text;
using Secretless.Device.Runtime;

namespace Secretless.Cli.Output;

/// <summary>One human line per running-device event (what <c>device run</c> prints without <c>--json</c>).</summary>
internal static class DeviceRunEventText
{
    public static string Format(DeviceRunnerEvent runnerEvent, bool withDeviceId)
    {
        var line = new StringBuilder();
        line.Append(runnerEvent.At.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ');
        if (withDeviceId)
        {
            line.Append(runnerEvent.DeviceId).Append(' ');
        }

        line.Append(runnerEvent.Event.PadRight(12));
        void Field(string name, string? value)
        {
            if (value is not null)
            {
                line.Append(' ').Append(name).Append('=').Append(value);
            }
        }

        Field("certificate", runnerEvent.CertificateId is { Length: > 12 } id ? id[..12] + "…" : runnerEvent.CertificateId);
        Field("endpoint", runnerEvent.Endpoint);
        Field("stage", runnerEvent.Stage);
        Field("retry-in", runnerEvent.RetryInSeconds?.ToString("0.###", CultureInfo.InvariantCulture) + (runnerEvent.RetryInSeconds is null ? null : "s"));
        Field("not-after", runnerEvent.NotAfter?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture));
        Field("issuer", runnerEvent.Issuer is null ? null : $"\"{runnerEvent.Issuer}\"");
        Field("reason", runnerEvent.Reason is null ? null : $"\"{runnerEvent.Reason}\"");
        if (runnerEvent.Message is not null)
        {
            line.Append(' ').Append(runnerEvent.Message);
        }

        return line.ToString();
    }
}
