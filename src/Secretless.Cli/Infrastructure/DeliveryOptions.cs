using System.CommandLine;
using Secretless.Core.Delivery;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// <c>serve</c>'s latent-delivery options. The CLI names the modes after what a device sees:
/// <c>auto</c> (202 when the device asks or issuance outlasts the deadline = <see cref="LatentDeliveryMode.OnRequest"/>),
/// <c>url</c> (always 202 = <see cref="LatentDeliveryMode.Always"/>), <c>never</c> (always 200 = <see cref="LatentDeliveryMode.Never"/>).
/// </summary>
internal sealed class DeliveryOptions
{
    public const int MaxDeadlineSeconds = 3600;
    public const int MaxUrlLifetimeMinutes = 7 * 24 * 60;

    public DeliveryOptions()
    {
        Mode = new Option<string>("--delivery")
        {
            Description = "When /new answers 202 with a pre-signed certificate URL: auto (when the device sends 'device-delivery: url' or issuance outlasts --delivery-deadline), url (always), never (always 200).",
            DefaultValueFactory = _ => "auto",
            HelpName = "auto|url|never",
        };
        Mode.AcceptOnlyFromAmong("auto", "url", "never");
        Deadline = new Option<int>("--delivery-deadline")
        {
            Description = $"Seconds an issuance may take before /new answers 202 and finishes it in the background (1–{MaxDeadlineSeconds}; ignored with --delivery never).",
            DefaultValueFactory = _ => (int)new LatentDeliveryOptions().Deadline.TotalSeconds,
            HelpName = "SECONDS",
        };
        Deadline.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxDeadlineSeconds)
            {
                result.AddError($"--delivery-deadline must be between 1 and {MaxDeadlineSeconds} seconds.");
            }
        });
        UrlLifetime = new Option<int>("--payload-url-lifetime")
        {
            Description = $"Minutes a pre-signed certificate URL (and its stored payload) stays valid (1–{MaxUrlLifetimeMinutes}).",
            DefaultValueFactory = _ => (int)new LatentDeliveryOptions().UrlLifetime.TotalMinutes,
            HelpName = "MINUTES",
        };
        UrlLifetime.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > MaxUrlLifetimeMinutes)
            {
                result.AddError($"--payload-url-lifetime must be between 1 and {MaxUrlLifetimeMinutes} minutes (7 days).");
            }
        });
    }

    public Option<string> Mode { get; }

    public Option<int> Deadline { get; }

    public Option<int> UrlLifetime { get; }

    public IEnumerable<Option> All => [Mode, Deadline, UrlLifetime];

    public static LatentDeliveryMode ToMode(string? cliName) => cliName switch
    {
        "url" => LatentDeliveryMode.Always,
        "never" => LatentDeliveryMode.Never,
        _ => LatentDeliveryMode.OnRequest,
    };

    public LatentDeliveryOptions Read(ParseResult parseResult) => new()
    {
        Mode = ToMode(parseResult.GetValue(Mode)),
        Deadline = TimeSpan.FromSeconds(parseResult.GetValue(Deadline)),
        UrlLifetime = TimeSpan.FromMinutes(parseResult.GetValue(UrlLifetime)),
    };
}
