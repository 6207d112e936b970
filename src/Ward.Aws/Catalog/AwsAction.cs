using System.Collections.Immutable;

namespace Ward.Aws.Catalog;

/// <summary>A resource type an action can target; <see cref="Required"/> when the docs mark it with <c>*</c>.</summary>
public sealed record ActionResourceType(string Name, bool Required);

/// <summary>One AWS action as the Service Authorization Reference describes it.</summary>
public sealed record AwsAction(string Service, string Name, AccessLevel AccessLevel, ImmutableArray<ActionResourceType> ResourceTypes, ImmutableArray<string> ConditionKeys)
{
    /// <summary><c>service:Name</c> in documented case.</summary>
    public string FullName => $"{Service}:{Name}";

    /// <summary>Actions without resource types support only <c>"Resource": "*"</c>.</summary>
    public bool IsWildcardOnly => ResourceTypes.IsEmpty;
}

/// <summary>A resource type of a service with its ARN templates.</summary>
public sealed record AwsResourceType(string Service, string Name, ImmutableArray<string> ArnFormats, ImmutableArray<string> ConditionKeys);
