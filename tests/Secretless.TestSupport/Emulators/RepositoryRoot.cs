namespace Secretless.TestSupport.Emulators;

/// <summary>Finds the repository root (the folder holding Secretless.slnx) from the test binaries.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Secretless.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Secretless.slnx above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
