using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Failover.CodeAnalysis;

/// <summary>
/// An immutable array with value equality, safe to carry through incremental generator pipelines
/// (after NetEscapades' <c>EquatableArray</c> and dotnet/runtime's <c>ImmutableEquatableArray</c>).
/// </summary>
/// <remarks>The wrapped array is never exposed for writing; <c>default</c> behaves as an empty array.</remarks>
internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    where T : IEquatable<T>
{
    private readonly T[]? _items;

    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public EquatableArray(IEnumerable<T> items)
    {
        _items = items.ToArray();
    }

    private EquatableArray(T[] items, bool _)
    {
        _items = items;
    }

    /// <summary>The empty array.</summary>
    public static EquatableArray<T> Empty { get; } = new(Array.Empty<T>(), false);

    /// <summary>Wraps <paramref name="items"/> without copying; the caller must not mutate it afterwards.</summary>
    internal static EquatableArray<T> TakeOwnership(T[] items) => new(items, false);

    /// <inheritdoc/>
    public int Count => _items?.Length ?? 0;

    /// <summary>Whether the array has no items.</summary>
    public bool IsEmpty => Count == 0;

    /// <inheritdoc/>
    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    /// <summary>Whether the arrays hold equal items in the same order.</summary>
    public bool Equals(EquatableArray<T> other)
    {
        T[] left = _items ?? Array.Empty<T>();
        T[] right = other._items ?? Array.Empty<T>();
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left.Length != right.Length)
        {
            return false;
        }

        for (int i = 0; i < left.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        unchecked
        {
            int hash = 17;
            if (_items is not null)
            {
                foreach (T item in _items)
                {
                    hash = (hash * 31) + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
                }
            }

            return hash;
        }
    }

    /// <summary>Equality of the items.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Inequality of the items.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Copies the items into a new array.</summary>
    public T[] ToArray() => (_items ?? Array.Empty<T>()).ToArray();

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", _items ?? Array.Empty<T>()) + "]";
}

/// <summary>Creation helpers for <see cref="EquatableArray{T}"/>.</summary>
internal static class EquatableArray
{
    /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
    public static EquatableArray<T> Create<T>(params T[] items)
        where T : IEquatable<T> => new(items);

    /// <summary>Wraps a copy of the sequence.</summary>
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);
}
