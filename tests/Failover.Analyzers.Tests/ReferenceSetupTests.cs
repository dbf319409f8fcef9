namespace Failover.Analyzers.Tests;

public class ReferenceSetupTests
{
    [Fact]
    public async Task The_test_reference_set_resolves_to_nothing_so_no_package_is_downloaded()
    {
        var resolved = await TestReferences.None.ResolveAsync(Microsoft.CodeAnalysis.LanguageNames.CSharp, CancellationToken.None);
        Assert.Empty(resolved);
    }
}
