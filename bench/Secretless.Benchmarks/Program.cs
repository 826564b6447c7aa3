using BenchmarkDotNet.Running;

namespace Secretless.Benchmarks;

/// <summary>
/// Entry point: <c>bench/micro.sh [filter]</c>, or
/// <c>dotnet run -c Release --project bench/Secretless.Benchmarks -- --filter '*Csr*' --job short</c>.
/// Every BenchmarkDotNet command-line option works (<c>--list flat</c>, <c>--exporters json</c>, …).
/// </summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
