using System.Collections.Immutable;
using System.Text.Json;

namespace Ward.Microsoft.Entra.Ingest;

/// <summary>One response file as recognised: the collection, the parent object when the relation has one, its items and its next link.</summary>
internal sealed record GraphPage
{
    public required string File { get; init; }

    public required GraphCollection Collection { get; init; }

    /// <summary>The parent object id of a relation (whose members, owners, credentials); null for top-level collections.</summary>
    public string? Parent { get; init; }

    /// <summary><c>v1.0</c> or <c>beta</c>; null when the response did not say.</summary>
    public string? Version { get; init; }

    /// <summary>The properties the <c>@odata.context</c>'s <c>$select</c> list names: one selected but absent from an item is null in it.</summary>
    public ImmutableArray<string> Selected { get; init; } = [];

    public required ImmutableArray<(JsonElement Item, string Path)> Items { get; init; }

    public string? NextLink { get; init; }

    /// <summary>A record of AzureHound output: the same object as a Graph response's, with other fields.</summary>
    public bool FromAzureHound { get; init; }

    /// <summary>How the file was recognised, for the input list.</summary>
    public required string Description { get; init; }
}
