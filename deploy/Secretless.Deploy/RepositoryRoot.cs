namespace Secretless.Deploy;

/// <summary>Finds the repository (the folder holding Secretless.slnx) from the app's own location.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Secretless.slnx")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Secretless.slnx not found above the app or the current directory; run from the repository.");
    }
}
