using System.CommandLine;

namespace Secretless.Cli.Infrastructure;

/// <summary>The <c>--limit N</c> option of the list commands (at least 1).</summary>
internal static class ListLimitOption
{
    public static Option<int> Create(string what, int defaultLimit = 1000)
    {
        var limit = new Option<int>("--limit")
        {
            Description = $"Print at most N {what}.",
            DefaultValueFactory = _ => defaultLimit,
            HelpName = "N",
        };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--limit must be at least 1.");
            }
        });
        return limit;
    }
}
