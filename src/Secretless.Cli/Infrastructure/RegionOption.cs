using System.CommandLine;
using Secretless.Local;
using Secretless.Local.Registry;
using Secretless.Local.Storage;

namespace Secretless.Cli.Infrastructure;

/// <summary>
/// <c>--region NAME</c> of the registry commands: the registry of one embedded region
/// (<c>&lt;data&gt;/regions/NAME.db</c>, created by <c>serve --regions</c>) instead of the main one.
/// </summary>
internal static class RegionOption
{
    public static Option<string?> Create() => new("--region")
    {
        Description = "Use the registry of this embedded region (<data>/regions/NAME.db, created by 'serve --regions') instead of the main registry.",
        HelpName = "NAME",
    };

    /// <summary>The main registry, or the region's; an unknown region is a usage error (exit 2) naming the known ones.</summary>
    public static SqliteThingRegistry OpenRegistry(CliContext context, ParseResult parseResult, Option<string?> region)
    {
        var dataRoot = context.ResolveDataRoot(parseResult);
        var name = parseResult.GetValue(region);
        if (name is null)
        {
            return LocalBackends.Open(dataRoot).ThingRegistry;
        }

        if (!RegionNames.TryValidate(name, out var error))
        {
            throw new CliException(ExitCodes.UsageError, $"--region: {error}");
        }

        var dataDirectory = new SecretlessDataDirectory(dataRoot);
        var path = dataDirectory.RegionDatabasePath(name);
        if (!File.Exists(path))
        {
            // Never create a region by a typo: only 'serve --regions' creates region registries.
            var known = dataDirectory.ListRegions();
            throw new CliException(
                ExitCodes.UsageError,
                $"region '{name}' has no registry in {dataDirectory.RootPath} "
                + (known.Count == 0 ? "(no regions yet; 'serve --regions' creates them)." : $"(regions: {string.Join(", ", known)})."));
        }

        return new SqliteThingRegistry(SqliteDatabase.Open(path, TimeProvider.System), new LocalStackOptions(), TimeProvider.System);
    }
}
