using System.Globalization;
using Microsoft.Extensions.Configuration;
using Secretless.Core.Provisioning;

namespace Secretless.Backends;

/// <summary>
/// Binds <c>Secretless:Provisioning</c>. Every option goes through <see cref="ConfigurationSectionBinder"/>
/// except <c>RotationGracePeriod</c>, which also takes plain seconds (<c>30</c>, <c>2.5</c>): a bare
/// number read as a TimeSpan would mean days, which is never what an operator means by a grace period.
/// </summary>
internal static class ProvisioningSectionBinder
{
    public const string RotationGracePeriodKey = nameof(ProvisioningOptions.RotationGracePeriod);

    public static ProvisioningOptions Bind(IConfigurationSection section, ICollection<string> problems)
    {
        var options = new ProvisioningOptions();
        ConfigurationSectionBinder.Bind(section, options, problems, ignoredKeys: [RotationGracePeriodKey]);
        var grace = section.GetSection(RotationGracePeriodKey);
        if (grace.Value is { } text)
        {
            if (TryParseDuration(text, out var period) && period >= TimeSpan.Zero)
            {
                options.RotationGracePeriod = period;
            }
            else
            {
                problems.Add($"SL2108: {grace.Path} = '{text}' is not a valid grace period: use seconds (e.g. 30) or a duration (d.hh:mm:ss, e.g. 00:05:00), zero or more.");
            }
        }
        else if (grace.GetChildren().Any())
        {
            problems.Add($"SL2103: {grace.Path} must be a single value, not a section.");
        }

        if (options.RegisteredKeyCacheCapacity <= 0)
        {
            problems.Add($"SL2109: {section.Path}:{nameof(ProvisioningOptions.RegisteredKeyCacheCapacity)} = {options.RegisteredKeyCacheCapacity} must be a whole number of 1 or more.");
        }

        return options;
    }

    /// <summary>Seconds as a plain number (invariant culture), else TimeSpan text.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        var trimmed = text.Trim();
        if (double.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            var valid = double.IsFinite(seconds) && Math.Abs(seconds) <= TimeSpan.MaxValue.TotalSeconds / 2;
            duration = valid ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
            return valid;
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration);
    }
}
