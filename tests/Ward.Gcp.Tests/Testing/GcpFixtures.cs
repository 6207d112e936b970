using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;

namespace Ward.Gcp.Tests.Testing;

/// <summary>
/// The Northwind organization export (Fixtures/organization, in the layout of scripts/export-gcp.sh): two folders,
/// four projects, service accounts and keys, custom roles, conditional bindings, a deleted member, a service account
/// bound but gone from its project, a deleted custom role still bound and a role missing from the roles export.
/// </summary>
internal static class GcpFixtures
{
    public const string Organization = "organizations/123456789012";
    public const string Engineering = "folders/210987654321";
    public const string SharedServices = "folders/220987654321";
    public const string BuildProd = "projects/310000000001";
    public const string AppProd = "projects/310000000002";
    public const string AppDev = "projects/310000000003";
    public const string SharedLogs = "projects/310000000004";
    public const string Terraform = "terraform@nw-build-prod.iam.gserviceaccount.com";
    public const string TerraformKey = "3f2a9c4b7d1e6f80a2b4c6d8e0f1a3b5c7d9e1f2";

    private static readonly Lazy<GcpEstate> Loaded = new(() => GcpEstateLoader.Load([OrganizationFolder]));
    private static readonly Lazy<GcpEstate> LoadedEvaluation = new(() => GcpEstateLoader.Load([EvaluationFolder]));
    private static readonly Lazy<GcpEstate> LoadedEscalation = new(() => GcpEstateLoader.Load([EscalationFolder]));
    private static readonly Lazy<GcpEstate> LoadedGke = new(() => GcpEstateLoader.Load([GkeFolder]));
    private static readonly Lazy<GcpEstate> LoadedTags = new(() => GcpEstateLoader.Load([TagsFolder]));
    private static readonly Lazy<GcpEstate> LoadedTagBinding = new(() => GcpEstateLoader.Load([TagBindingFolder]));
    private static readonly Lazy<GcpEstate> LoadedTagUnbinding = new(() => GcpEstateLoader.Load([TagUnbindingFolder]));
    private static readonly Lazy<GcpEstate> LoadedTagAbsence = new(() => GcpEstateLoader.Load([TagAbsenceFolder]));
    private static readonly Lazy<GcpEstate> LoadedCompute = new(() => GcpEstateLoader.Load([ComputeFolder]));
    private static readonly Lazy<GcpEstate> LoadedOrgPolicies = new(() => GcpEstateLoader.Load([OrgPoliciesFolder]));
    private static readonly Lazy<GcpEstate> LoadedBasicRoles = new(() => GcpEstateLoader.Load([BasicRolesFolder]));

    public static string OrganizationFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "organization");

    public static string IamPolicyExport => Path.Combine(OrganizationFolder, "assets", "iam-policy.json");

    public static string CamelCaseAssets => Path.Combine(AppContext.BaseDirectory, "Fixtures", "forms", "assets-camel-case.jsonl");

    public static GcpEstate Estate => Loaded.Value;

    /// <summary>
    /// The example.org export (Fixtures/evaluation) for the evaluator: conditions of every kind Ward decides or not
    /// (resource name and type, an expired time, also on a role the roles export does not describe, a tag, an unparseable one), a workload identity pool, a deleted
    /// member, <c>projectOwner:</c>, <c>allAuthenticatedUsers</c>, a disabled, a deleted and a listed-only role.
    /// </summary>
    public static GcpEstate Evaluation => LoadedEvaluation.Value;

    public static string EvaluationFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "evaluation");

    /// <summary>
    /// The example.com escalation lab (Fixtures/escalation): one project whose owner-equivalent service account
    /// <c>admin-sa</c> every technique reaches from a vulnerable user (<c>v-…</c>), each beside a safe twin
    /// (<c>s-…</c>) that a condition, a missing permission, a disabled role, the project's deny policy or another
    /// target stops, and users whose edge holds only under a requirement (<c>c-…</c>, <c>u-…</c>). The project's Google
    /// APIs service agent is its Editor; its Vertex AI Custom Code service agent a Viewer.
    /// </summary>
    public static GcpEstate Escalation => LoadedEscalation.Value;

    public static string EscalationFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "escalation");

    /// <summary>
    /// The example.net organization policy lab (Fixtures/org-policies): the organization enforces
    /// <c>iam.disableServiceAccountKeyCreation</c> and <c>iam.disableServiceAccountKeyUpload</c> (v1, from an asset
    /// export); <c>op-locked</c> inherits them,
    /// <c>op-reset</c> resets it, <c>op-tagged</c> enforces it only where a tag condition holds, <c>op-dryrun</c> has a
    /// dry-run spec that does not lift it, and <c>op-managed</c>'s folder enforces the managed constraint (v2 files of
    /// <c>gcloud org-policies list</c>). Every project has an <c>app</c> account; <c>keys</c> may create keys for all
    /// of them; <c>lifter</c> may also set organization policies, and so may <c>denied-lifter</c>, but a deny policy on
    /// <c>op-locked</c> refuses it.
    /// </summary>
    public static GcpEstate OrgPolicies => LoadedOrgPolicies.Value;

    /// <summary>
    /// The basic roles lab (Fixtures/basic-roles): project <c>basic-lab</c> whose roles export is what
    /// <c>gcloud iam roles list</c> prints, without permissions. <c>admin-sa</c> and <c>v-owner</c> are its Owners,
    /// <c>v-editor</c> and the default Compute Engine account its Editors, <c>s-viewer</c> its Viewer; <c>u-storage</c>
    /// holds Storage Admin and <c>root</c> Organization Administrator (predefined, so unknown); <c>app-owner</c> is
    /// Owner of <c>app-sa</c>, which holds nothing, on the account's own policy (exported under its unique id).
    /// </summary>
    public static GcpEstate BasicRoles => LoadedBasicRoles.Value;

    public static string BasicRolesFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "basic-roles");

    public static string OrgPoliciesFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "org-policies");

    /// <summary>
    /// The example.io GKE lab (Fixtures/gke): <c>gke-prod</c>'s cluster <c>prod</c> (workload identity, its pool on the
    /// GKE metadata server, nodes running as the Owner <c>nodes@</c>) and Autopilot cluster; <c>gke-dev</c>'s cluster
    /// <c>dev</c> (no workload identity, nodes as the Editor default Compute Engine account). <c>v-dev</c> is Kubernetes
    /// Engine Developer of gke-dev, <c>c-prod</c> of gke-prod, <c>u-pods</c> may only get clusters and create pods in
    /// gke-prod, <c>s-viewer</c> only views clusters. <c>deployer@gke-prod</c> trusts the Kubernetes service account
    /// <c>deploy/deployer</c> of gke-prod's pool; <c>ci@gke-dev</c> trusts <c>ci/runner</c> of gke-dev's pool, which no
    /// cluster uses. Kubernetes RBAC (kubernetes/): on dev (Google Groups for RBAC on), <c>platform-admins</c> binds
    /// cluster-admin to <c>v-rbac</c>, <c>s-rbacnoget</c> (who may not get the cluster) and group <c>gke-admins</c>,
    /// <c>readers</c> view to <c>s-rbacview</c>, custom roles let <c>v-rbaccustom</c> create pods and <c>s-rbaccustom</c>
    /// only read them; on prod, <c>v-rbacns</c> may edit in namespace deploy, <c>s-rbacns</c> administer namespace other,
    /// system:authenticated edit namespace sandbox, and the Kubernetes service accounts deploy/deployer and sandbox/builder
    /// edit and administer their namespaces. The rbac principals and s-viewer are Cluster Viewers. Google
    /// groups (groups/): gke-security-groups holds gke-admins (whose only member is lena), not gke-contractors.
    /// </summary>
    public static GcpEstate Gke => LoadedGke.Value;

    public static string GkeFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gke");

    private static readonly Lazy<GcpEstate> LoadedGkeWorkloads = new(() => GcpEstateLoader.Load([GkeWorkloadsFolder]));

    /// <summary>
    /// The GKE workloads lab (Fixtures/gke-workloads): cluster <c>c1</c> of <c>p-app</c> (workload identity, nodes on the
    /// GKE metadata server as <c>nodes@</c>, an Owner; <c>dev/app</c> is Workload Identity User of <c>deployer@</c>, an
    /// Owner). In namespace dev, RBAC lets <c>v-deploy</c> create <c>apps/deployments</c>, <c>v-cron</c>
    /// <c>batch/cronjobs</c>, <c>v-rc</c> <c>replicationcontrollers</c>, <c>v-edit</c> hold <c>edit</c>; their safe twins
    /// <c>s-deploy</c> read, scale and delete deployments, <c>s-cron</c> create <c>cronjobs</c> of another API group,
    /// <c>s-rc</c> create replication controllers by name. system:authenticated may create deployments in namespace
    /// sandbox (<c>pub-deploy</c>), read them everywhere, read secrets everywhere and impersonate users. Every user is a
    /// Cluster Viewer.
    /// </summary>
    public static GcpEstate GkeWorkloads => LoadedGkeWorkloads.Value;

    public static string GkeWorkloadsFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "gke-workloads");

    /// <summary>
    /// The tags.example lab (Fixtures/tags): tag keys <c>env</c> (<c>prod</c>, <c>dev</c>) and <c>team</c>
    /// (<c>payments</c>). The Workloads folder has <c>env/prod</c> and <c>team/payments</c> bound directly (the
    /// organization none); under it <c>tg-prod</c>'s effective tags were exported (<c>env/prod</c> inherited,
    /// <c>team/payments</c> bound to it), <c>tg-dev</c>'s direct bindings only (<c>env/dev</c>, by value id). Under the
    /// organization, <c>tg-sandbox</c>'s effective tags are an empty list; <c>tg-legacy</c>'s were not exported. On the
    /// organization: <c>release@</c> is Project IAM Admin where <c>matchTag(env, prod)</c>, <c>dev-lead@</c> Storage
    /// Admin where <c>matchTagId(env, dev)</c>, <c>payments@</c> Viewer where <c>hasTagKey(team)</c>, <c>admin@</c>
    /// Owner; a deny policy refuses <c>projects.delete</c> to everyone where <c>matchTag(env, prod)</c>.
    /// </summary>
    public static GcpEstate Tags => LoadedTags.Value;

    public static string TagsFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tags");

    /// <summary>
    /// The tagbind.example lab (Fixtures/tag-binding) for <c>gcp-tag-binding</c>: tag key <c>env</c> (<c>prod</c>,
    /// <c>dev</c>); on the organization, Project IAM Admin where <c>matchTag(env, prod)</c> to <c>v-tagger</c>,
    /// <c>c-tagger</c> and the twins <c>s-novalue</c>, <c>s-nocontainer</c>, <c>s-attached</c>, <c>s-denied</c>, and
    /// Storage Admin under the same condition to <c>s-notowner</c>. Tag User on the value <c>prod</c> (its policy from
    /// the asset export) to all but <c>s-novalue</c>; on <c>tb-dev</c> (no tag, an empty effective listing) to
    /// <c>v-tagger</c>, <c>s-novalue</c>, <c>s-denied</c>, <c>s-notowner</c>; on <c>tb-prod</c> (<c>env/prod</c> inherited
    /// from the Production folder) to <c>s-attached</c>; on <c>tb-legacy</c> (tags not exported) to <c>c-tagger</c>; on
    /// <c>tb-pinned</c> (<c>env/dev</c> bound to it) to <c>v-tagger</c>. A deny policy on the organization refuses
    /// <c>s-denied</c> <c>hierarchyNodes.createTagBinding</c>; <c>admin@</c> is Owner.
    /// </summary>
    public static GcpEstate TagBinding => LoadedTagBinding.Value;

    public static string TagBindingFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tag-binding");

    /// <summary>
    /// The tagunbind.example lab (Fixtures/tag-unbinding) for <c>gcp-tag-unbinding</c>: tag key <c>env</c> (<c>prod</c>,
    /// <c>dev</c>); a deny policy on the organization refuses <c>projects.setIamPolicy</c> to everyone but
    /// <c>breakglass@</c> where <c>matchTag(env, prod)</c>, and to <c>s-alsodenied</c> everywhere. <c>tu-payments</c> has
    /// <c>env/prod</c> bound to it (effective listing, not inherited): Project IAM Admin there to <c>v-untagger</c>,
    /// <c>c-untagger</c>, <c>s-novalue</c>, <c>s-nocontainer</c>, <c>s-alsodenied</c>; Tag User there to
    /// <c>v-untagger</c>, <c>s-novalue</c>, <c>s-alsodenied</c>, <c>s-nogrant</c>, and to <c>c-untagger</c> only through a
    /// Privileged Access Manager entitlement that needs approval. <c>tu-ledger</c> inherits <c>env/prod</c> from the
    /// Production folder (Project IAM Admin and Tag User there to <c>s-inherited</c>); <c>tu-vault</c> has it bound to
    /// itself and inherits it from the folder too (both to <c>s-foldertag</c>). Tag User on the value <c>prod</c> to all
    /// but <c>s-novalue</c>; <c>admin@</c> is Owner.
    /// </summary>
    public static GcpEstate TagUnbinding => LoadedTagUnbinding.Value;

    public static string TagUnbindingFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tag-unbinding");

    /// <summary>
    /// The tagabsent.example lab (Fixtures/tag-absence) for <c>gcp-tag-unbinding</c> through allow conditions, without
    /// deny policies: tag key <c>env</c> (<c>prod</c>, <c>dev</c>), every tag binding listed. <c>ta-app</c> (under the
    /// organization) has <c>env/prod</c> bound to it: Project IAM Admin under <c>!matchTag(env, prod)</c> to
    /// <c>v-untagger</c>, <c>s-novalue</c>, <c>s-nocontainer</c>, under <c>matchTag(env, dev)</c> to <c>s-dev</c>, and
    /// under <c>!matchTag(env, prod)</c> until 2026-01-01 to <c>s-expired</c>, and under <c>matchTag(env, dev)</c> to
    /// <c>v-replacer</c> and <c>s-keeper</c> too; Tag User there to all of them but <c>s-nocontainer</c>. <c>ta-ledger</c> inherits <c>env/prod</c> from the Production folder (Project IAM Admin
    /// under <c>!matchTag(env, prod)</c> and Tag User to <c>s-inherited</c>). <c>ta-vault</c> has <c>env/prod</c> bound to
    /// it under the Legacy folder, tagged <c>env/dev</c> (Project IAM Admin under <c>matchTag(env, dev)</c> and Tag User
    /// to <c>v-revert</c>). Tag User on the value <c>prod</c> to all but <c>s-novalue</c> and <c>s-keeper</c>, on
    /// <c>dev</c> to <c>v-replacer</c> and <c>s-keeper</c>; <c>admin@</c> is Owner.
    /// </summary>
    public static GcpEstate TagAbsence => LoadedTagAbsence.Value;

    public static string TagAbsenceFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "tag-absence");

    /// <summary>
    /// The example.dev Compute Engine lab (Fixtures/compute): in <c>vm-lab</c>, whose instances were listed
    /// (<c>compute/instances/vm-lab.json</c>, and <c>builder</c> from the asset export) and whose project metadata sets
    /// no <c>enable-oslogin</c>, <c>bastion</c> runs as <c>admin@</c> with OS Login (an external IP), <c>builder</c> as
    /// <c>deployer@</c> without it, blocking project-wide keys (no external IP), <c>report</c> as <c>reporter@</c>,
    /// <c>TERMINATED</c>, with the default scopes; no instance runs as <c>batch@</c>. All four accounts are Owners of
    /// vm-lab. <c>vm-empty</c>'s listing is empty; <c>vm-unlisted</c>'s instances were not exported. Users: Compute OS
    /// Login on vm-lab to <c>v-oslogin</c> and <c>s-oslogin</c>, and where the instance is <c>bastion</c> (a
    /// <c>resource.name</c> condition) to <c>v-namedlogin</c>, where it is <c>builder</c> to <c>s-namedlogin</c>; OS
    /// Admin Login on <c>bastion</c>'s own policy to <c>v-instancepolicy</c>, OS Login on <c>builder</c>'s to
    /// <c>s-instancepolicy</c>; <c>setMetadata</c> on vm-lab to <c>v-sshkey</c>, <c>s-sshkey</c>, <c>c-stopped</c>, on
    /// vm-unlisted to <c>c-sshkey</c>, on vm-empty to <c>s-empty</c>; project metadata and <c>actAs</c> on vm-lab to
    /// <c>s-projectkey</c>; stop, setServiceAccount, setMetadata and start on vm-lab to <c>v-reassign</c>, on vm-empty
    /// to <c>s-empty</c>. Service Account User on <c>admin@</c> to v-oslogin, v-namedlogin, s-namedlogin, v-sshkey,
    /// s-sshkey, v-instancepolicy, s-projectkey; on <c>deployer@</c> to v-sshkey, s-instancepolicy, s-projectkey; on
    /// <c>batch@</c> to s-oslogin, v-reassign; on <c>reporter@</c> to c-stopped; on the vm-empty and vm-unlisted
    /// accounts to s-empty and c-sshkey. vm-lab enforces <c>compute.requireOsLogin</c>
    /// (<c>org-policies/projects-vm-lab.json</c>): no one turns bastion's OS Login off.
    /// </summary>
    public static GcpEstate Compute => LoadedCompute.Value;

    public static string ComputeFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "compute");

    public static string Full(string relativeName) => ResourceNames.Container(relativeName);
}
