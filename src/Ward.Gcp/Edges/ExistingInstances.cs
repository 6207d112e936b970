using System.Collections.Immutable;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.OrgPolicies;

namespace Ward.Gcp.Edges;

/// <summary>One existing instance a way may go through, with what must still hold there.</summary>
/// <param name="Instance">The instance.</param>
/// <param name="Requirements">What must still hold there.</param>
/// <param name="TurnsOsLoginOff">
/// How the way first turns OS Login off (its SSH key would be ignored otherwise) by the metadata it writes anyway, for
/// the edge's description: <c>compute.requireOsLogin</c>, where enforced, refuses that write (<see cref="RequireOsLogin"/>).
/// Null when OS Login is off already.
/// </param>
public sealed record InstanceChoice(ComputeInstance Instance, ImmutableArray<string> Requirements, string? TurnsOsLoginOff = null)
{
    /// <summary>The boolean constraint that refuses metadata updates disabling OS Login, on the instance or its project.</summary>
    public const string RequireOsLogin = "compute.requireOsLogin";
}

/// <summary>
/// The exported Compute Engine instances a way goes through: those its technique can use (running as the account,
/// with OS Login on or off as it needs), each with what Ward cannot decide about it (its project's OS Login setting
/// when that metadata was not exported, an instance not running, a token limited by scopes).
/// </summary>
internal static class ExistingInstances
{
    /// <summary>
    /// The instances, those needing nothing first, and whether they are all there are (the project's instances were
    /// listed); null when the export says nothing: no instance it holds fits, and the project's were not listed.
    /// </summary>
    public static (ImmutableArray<InstanceChoice> Choices, bool Complete)? Choose(GcpEdgeContext context, InstanceUse use, string email, HierarchyNode project)
    {
        var complete = context.InstancesListed(project);
        var candidates = use == InstanceUse.AnyOfProject ? context.InstancesIn(project) : context.InstancesRunningAs(email);
        ImmutableArray<InstanceChoice> choices = [.. candidates.Select(i => Choice(context, use, i)).OfType<InstanceChoice>().OrderBy(c => c.Requirements.Length).ThenBy(c => c.TurnsOsLoginOff is not null)];
        return choices.IsEmpty && !complete ? null : (choices, complete);
    }

    /// <summary>Whether the way's permissions are decided on the instance (its policy, and conditions on its name); project-wide SSH keys are set on the project.</summary>
    public static bool DecidedOnInstance(InstanceUse use) => use != InstanceUse.ProjectSshKeys;

    /// <summary>How the instance is reached over SSH, which IAM does not decide: said, not required.</summary>
    public static string Reach(InstanceUse use, ComputeInstance instance) =>
        use == InstanceUse.AnyOfProject ? string.Empty
        : instance.HasExternalIp ? ", which has an external IP address"
        : ", which has no external IP address (reached through IAP TCP forwarding or from its network)";

    private static InstanceChoice? Choice(GcpEdgeContext context, InstanceUse use, ComputeInstance instance)
    {
        if (use == InstanceUse.AnyOfProject)
        {
            return new InstanceChoice(instance, []);
        }

        var requirements = ImmutableArray.CreateBuilder<string>();
        var projectMetadata = context.ComputeMetadata(instance.Project);

        // The instance's own enable-oslogin overrides its project's; with neither, OS Login is off.
        var osLogin = instance.OsLogin ?? (projectMetadata is null ? null : projectMetadata.OsLogin ?? false);
        var unknownOsLogin = $"the instance sets no `enable-oslogin` and the Compute Engine metadata of `projects/{instance.Project}` was not exported";
        string? turnsOsLoginOff = null;
        switch (use)
        {
            case InstanceUse.OsLogin when osLogin == false:
            case InstanceUse.ProjectSshKeys when instance.BlocksProjectSshKeys || instance.OsLogin == true:
                // Project metadata cannot override what the instance's own metadata says.
                return null;
            case InstanceUse.OsLogin when osLogin is null:
                requirements.Add($"OS Login is enabled on VM instance `{instance.RelativeName}` by its project's metadata ({unknownOsLogin})");
                break;
            case InstanceUse.InstanceSshKeys or InstanceUse.ProjectSshKeys when osLogin != false:
                // Whoever writes the metadata with the key may set `enable-oslogin` to FALSE in the same write (the
                // instance's over its project's), unless compute.requireOsLogin refuses such writes.
                var where = use == InstanceUse.InstanceSshKeys ? "in the instance's metadata" : "in the project's metadata (for all its instances)";
                if (osLogin == true)
                {
                    turnsOsLoginOff = $"turns OS Login off {where} first";
                }
                else if (context.FindProject("projects/" + instance.Project) is not { } project || context.Enforcement(project, InstanceChoice.RequireOsLogin).State == ConstraintState.NotEnforced)
                {
                    turnsOsLoginOff = $"turns OS Login off {where} first, should the project's metadata turn it on";
                }
                else
                {
                    requirements.Add($"OS Login is not enabled on VM instance `{instance.RelativeName}` by its project's metadata ({unknownOsLogin}); with it on, metadata SSH keys are ignored, and `{InstanceChoice.RequireOsLogin}` refuses turning it off");
                }

                break;
        }

        if (instance.Status is { } status && !instance.IsRunning)
        {
            requirements.Add($"VM instance `{instance.RelativeName}` is `{status}`: it must be running (starting it needs `compute.instances.start`)");
        }

        if (!instance.HasCloudPlatformScope)
        {
            var scopes = instance.Scopes.IsEmpty ? "no scope" : "only " + string.Join(", ", instance.Scopes.Select(s => $"`{s}`"));
            requirements.Add($"the account's tokens on VM instance `{instance.RelativeName}` carry {scopes}, not `cloud-platform`: the path needs an API those scopes allow");
        }

        return new InstanceChoice(instance, requirements.ToImmutable(), turnsOsLoginOff);
    }
}
