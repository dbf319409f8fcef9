using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Failover.CodeAnalysis.Tests;

public class EquatableArrayTests
{
    [Fact]
    public void Equal_items_give_equal_arrays_and_hashes()
    {
        var a = EquatableArray.Create("x", "y");
        var b = new List<string> { "x", "y" }.ToEquatableArray();

        Assert.True(a == b);
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Order_and_content_matter()
    {
        var a = EquatableArray.Create("x", "y");

        Assert.NotEqual(a, EquatableArray.Create("y", "x"));
        Assert.NotEqual(a, EquatableArray.Create("x"));
        Assert.True(a != EquatableArray.Create("x", "z"));
        Assert.NotEqual(a.GetHashCode(), EquatableArray.Create("y", "x").GetHashCode());
    }

    [Fact]
    public void Default_is_empty_and_equals_empty()
    {
        EquatableArray<string> none = default;

        Assert.True(none.IsEmpty);
        Assert.Empty(none);
        Assert.Equal(EquatableArray<string>.Empty, none);
        Assert.Equal(EquatableArray.Create<string>().GetHashCode(), none.GetHashCode());
    }

    [Fact]
    public void Copies_its_input_and_enumerates_in_order()
    {
        string[] source = { "a", "b", "c" };
        var array = new EquatableArray<string>(source);
        source[0] = "changed";

        Assert.Equal(new[] { "a", "b", "c" }, array.ToArray());
        Assert.Equal("b", array[1]);
        Assert.Equal(3, array.Count);
        Assert.Equal("[a, b, c]", array.ToString());
        Assert.Equal(new[] { "a", "b", "c" }, array.Select(x => x));
    }

    [Fact]
    public void Nested_records_compare_by_value()
    {
        var left = new Holder("n", EquatableArray.Create(1, 2));
        var right = new Holder("n", EquatableArray.Create(1, 2));

        Assert.Equal(left, right);
        Assert.Equal(left.GetHashCode(), right.GetHashCode());
    }

    private sealed record Holder(string Name, EquatableArray<int> Items);
}
