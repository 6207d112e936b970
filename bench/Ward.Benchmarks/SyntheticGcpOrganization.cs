using System.Globalization;
using System.Text.Json;

namespace Ward.Benchmarks;

/// <summary>
/// Writes a deterministic synthetic Google Cloud organization in the layout <c>scripts/export-gcp.sh</c> writes: the
/// hierarchy and service accounts as Cloud Asset Inventory resources, allow policies as IAM-policy assets
/// (newline-delimited, as <c>gcloud asset export</c> writes them), predefined and custom roles, service-account keys,
/// a deny policy, and Google groups with memberships. The same seed always gives the same bytes.
/// </summary>
/// <remarks>
/// Sizes follow the issue's large organization: 5,000 projects, 50,000 service accounts and about 200,000 bindings
/// (one member in one role on one resource each). Basic roles carry long permission lists (Owner over a thousand,
/// though Google's holds several thousand), so a role's permissions are not free to look through.
/// </remarks>
public static class SyntheticGcpOrganization
{
    private const string OrganizationId = "410000000001";
    private const string Domain = "synthetic.example";
    private const string Updated = "2026-11-01T06:00:00Z";

    // Permissions the escalation techniques and findings look for, spread over the roles below as Google grants them.
    private static readonly string[] SensitivePermissions =
    [
        "resourcemanager.projects.setIamPolicy", "resourcemanager.folders.setIamPolicy", "resourcemanager.organizations.setIamPolicy",
        "iam.serviceAccounts.actAs", "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.signBlob", "iam.serviceAccounts.signJwt",
        "iam.serviceAccounts.implicitDelegation", "iam.serviceAccounts.setIamPolicy", "iam.serviceAccountKeys.create", "iam.roles.update",
        "compute.instances.create", "compute.disks.create", "compute.instances.setMetadata", "compute.instances.setServiceAccount",
        "compute.subnetworks.use", "compute.instances.stop", "compute.instances.start", "cloudfunctions.functions.create",
        "cloudfunctions.functions.update", "cloudfunctions.functions.sourceCodeSet", "run.services.create", "run.services.update",
        "cloudbuild.builds.create", "cloudscheduler.jobs.create",
    ];

    private static readonly string[] Services =
    [
        "accessapproval", "aiplatform", "alloydb", "apigateway", "apikeys", "appengine", "artifactregistry", "bigquery",
        "bigtable", "billing", "certificatemanager", "cloudasset", "cloudbuild", "cloudfunctions", "cloudkms", "cloudscheduler",
        "cloudsql", "cloudtasks", "composer", "compute", "container", "datacatalog", "dataflow", "dataproc", "datastore",
        "dns", "eventarc", "file", "firebase", "gkehub", "healthcare", "iam", "iap", "logging", "memcache", "monitoring",
        "networkconnectivity", "notebooks", "orgpolicy", "pubsub", "redis", "resourcemanager", "run", "secretmanager",
        "securitycenter", "servicenetworking", "serviceusage", "spanner", "storage", "vpcaccess", "workflows",
    ];

    private static readonly string[] Verbs = ["get", "list", "create", "update", "delete", "setIamPolicy", "getIamPolicy", "use"];

    /// <summary>Writes the organization under <paramref name="directory"/>.</summary>
    /// <returns>How many bindings (member-role pairs on a resource) the allow policies hold.</returns>
    public static int Write(string directory, int projects = 5_000, int serviceAccountsPerProject = 10, int users = 20_000, int groups = 1_000, int seed = 42)
    {
        var random = new Random(seed);
        var all = Enumerable.Range(0, Services.Length * 24).Select(i => $"{Services[i % Services.Length]}.resource{i / Services.Length:D2}.{Verbs[i % Verbs.Length]}")
            .Concat(SensitivePermissions).Distinct(StringComparer.Ordinal).ToArray();
        var predefined = PredefinedRoles(all, random);
        var roleNames = predefined.Select(r => r.Name).Where(n => n is not ("roles/owner" or "roles/editor")).ToArray();

        var folders = Enumerable.Range(0, 50).Select(i => (Id: (720000000000L + i).ToString(CultureInfo.InvariantCulture), Parent: i < 10 ? $"organizations/{OrganizationId}" : $"folders/{720000000000L + (i % 10)}")).ToArray();
        var projectList = Enumerable.Range(0, projects).Select(i => (Id: $"syn-{i:D5}", Number: (840000000000L + i).ToString(CultureInfo.InvariantCulture), Folder: folders[10 + (i % 40)].Id)).ToArray();
        string[] AncestorsOf(int project)
        {
            var folderIndex = 10 + (project % 40);
            return [$"projects/{projectList[project].Number}", $"folders/{folders[folderIndex].Id}", $"folders/{folders[folderIndex % 10].Id}", $"organizations/{OrganizationId}"];
        }

        string User() => $"user:user{random.Next(users):D5}@{Domain}";
        string Group() => $"group:team{random.Next(groups):D4}@{Domain}";
        string ServiceAccount(int project, int index) => $"{(index == 0 ? "deployer" : $"workload-{index:D2}")}@{projectList[project].Id}.iam.gserviceaccount.com";
        string Member(int project)
        {
            var roll = random.Next(100);
            return roll switch
            {
                < 45 => User(),
                < 75 => Group(),
                < 97 => "serviceAccount:" + ServiceAccount(roll < 90 ? project : random.Next(projects), random.Next(serviceAccountsPerProject)),
                < 99 => $"user:contractor{random.Next(500):D3}@partner.example",
                _ => $"domain:{Domain}",
            };
        }

        var bindings = 0;
        var assets = Path.Combine(directory, "assets");
        Directory.CreateDirectory(assets);

        // Resources: the organization, folders, projects, service accounts; one JSON object per line.
        using (var resources = new StreamWriter(Path.Combine(assets, "resource.json")))
        {
            WriteLine(resources, json =>
            {
                Asset(json, $"//cloudresourcemanager.googleapis.com/organizations/{OrganizationId}", "cloudresourcemanager.googleapis.com/Organization", [$"organizations/{OrganizationId}"]);
                json.WriteStartObject("resource");
                json.WriteString("version", "v1");
                json.WriteString("discovery_name", "Organization");
                json.WriteStartObject("data");
                json.WriteString("displayName", Domain);
                json.WriteString("lifecycleState", "ACTIVE");
                json.WriteString("name", $"organizations/{OrganizationId}");
                json.WriteEndObject();
                json.WriteEndObject();
            });
            for (var f = 0; f < folders.Length; f++)
            {
                var folder = folders[f];
                var ancestors = f < 10 ? new[] { $"folders/{folder.Id}", $"organizations/{OrganizationId}" } : [$"folders/{folder.Id}", $"folders/{folders[f % 10].Id}", $"organizations/{OrganizationId}"];
                WriteLine(resources, json =>
                {
                    Asset(json, $"//cloudresourcemanager.googleapis.com/folders/{folder.Id}", "cloudresourcemanager.googleapis.com/Folder", ancestors);
                    json.WriteStartObject("resource");
                    json.WriteString("version", "v2");
                    json.WriteString("discovery_name", "Folder");
                    json.WriteString("parent", $"//cloudresourcemanager.googleapis.com/{folder.Parent}");
                    json.WriteStartObject("data");
                    json.WriteString("displayName", $"Folder {f:D2}");
                    json.WriteString("lifecycleState", "ACTIVE");
                    json.WriteString("name", $"folders/{folder.Id}");
                    json.WriteString("parent", folder.Parent);
                    json.WriteEndObject();
                    json.WriteEndObject();
                });
            }

            for (var p = 0; p < projectList.Length; p++)
            {
                var project = projectList[p];
                var ancestors = AncestorsOf(p);
                WriteLine(resources, json =>
                {
                    Asset(json, $"//cloudresourcemanager.googleapis.com/projects/{project.Number}", "cloudresourcemanager.googleapis.com/Project", ancestors);
                    json.WriteStartObject("resource");
                    json.WriteString("version", "v1");
                    json.WriteString("discovery_name", "Project");
                    json.WriteString("parent", $"//cloudresourcemanager.googleapis.com/folders/{project.Folder}");
                    json.WriteStartObject("data");
                    json.WriteString("lifecycleState", "ACTIVE");
                    json.WriteString("name", $"Project {p:D5}");
                    json.WriteStartObject("parent");
                    json.WriteString("id", project.Folder);
                    json.WriteString("type", "folder");
                    json.WriteEndObject();
                    json.WriteString("projectId", project.Id);
                    json.WriteString("projectNumber", project.Number);
                    json.WriteEndObject();
                    json.WriteEndObject();
                });
                for (var s = 0; s < serviceAccountsPerProject; s++)
                {
                    var email = ServiceAccount(p, s);
                    var uniqueId = UniqueId(p, s);
                    WriteLine(resources, json =>
                    {
                        Asset(json, $"//iam.googleapis.com/projects/{project.Id}/serviceAccounts/{uniqueId}", "iam.googleapis.com/ServiceAccount", ancestors);
                        json.WriteStartObject("resource");
                        json.WriteString("version", "v1");
                        json.WriteString("discovery_name", "ServiceAccount");
                        json.WriteString("parent", $"//cloudresourcemanager.googleapis.com/projects/{project.Number}");
                        json.WriteStartObject("data");
                        json.WriteString("email", email);
                        json.WriteString("name", $"projects/{project.Id}/serviceAccounts/{email}");
                        json.WriteString("projectId", project.Id);
                        json.WriteString("uniqueId", uniqueId);
                        json.WriteString("oauth2ClientId", uniqueId);
                        if (s == serviceAccountsPerProject - 1 && p % 7 == 0)
                        {
                            json.WriteBoolean("disabled", true);
                        }

                        json.WriteEndObject();
                        json.WriteEndObject();
                    });
                }
            }
        }

        // Allow policies: the organization, folders, projects, one service account in five, one bucket per project.
        using (var policies = new StreamWriter(Path.Combine(assets, "iam-policy.json")))
        {
            void Policy(string name, string type, string[] ancestors, List<(string Role, List<string> Members, string? Condition)> entries)
            {
                bindings += entries.Sum(e => e.Members.Count);
                WriteLine(policies, json =>
                {
                    Asset(json, name, type, ancestors);
                    json.WriteStartObject("iam_policy");
                    json.WriteNumber("version", 3);
                    json.WriteString("etag", "BwYR4n2dY1E=");
                    json.WriteStartArray("bindings");
                    foreach (var (role, members, condition) in entries)
                    {
                        json.WriteStartObject();
                        json.WriteString("role", role);
                        json.WriteStartArray("members");
                        foreach (var member in members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                        {
                            json.WriteStringValue(member);
                        }

                        json.WriteEndArray();
                        if (condition is not null)
                        {
                            json.WriteStartObject("condition");
                            json.WriteString("title", "synthetic");
                            json.WriteString("expression", condition);
                            json.WriteEndObject();
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
            }

            string? Condition() => random.Next(100) switch
            {
                < 3 => $"request.time < timestamp(\"{2025 + random.Next(3)}-0{1 + random.Next(9)}-01T00:00:00Z\")",
                < 5 => $"resource.name.startsWith(\"projects/_/buckets/syn-{random.Next(projects):D5}\")",
                < 6 => "resource.matchTag(\"410000000001/env\", \"prod\")",
                _ => null,
            };

            List<(string, List<string>, string?)> Bindings(int count, int members, Func<string> member, string[] roles) =>
                [.. Enumerable.Range(0, count).Select(_ => (roles[random.Next(roles.Length)], Enumerable.Range(0, 1 + random.Next(members)).Select(_ => member()).ToList(), Condition()))];

            Policy($"//cloudresourcemanager.googleapis.com/organizations/{OrganizationId}", "cloudresourcemanager.googleapis.com/Organization", [$"organizations/{OrganizationId}"],
                [("roles/owner", ["group:org-admins@" + Domain], null), ("roles/resourcemanager.organizationAdmin", ["group:org-admins@" + Domain, $"serviceAccount:{ServiceAccount(0, 0)}"], null),
                 ("roles/browser", [$"domain:{Domain}"], null), .. Bindings(20, 3, User, roleNames)]);
            for (var f = 0; f < folders.Length; f++)
            {
                var ancestors = f < 10 ? new[] { $"folders/{folders[f].Id}", $"organizations/{OrganizationId}" } : [$"folders/{folders[f].Id}", $"folders/{folders[f % 10].Id}", $"organizations/{OrganizationId}"];
                Policy($"//cloudresourcemanager.googleapis.com/folders/{folders[f].Id}", "cloudresourcemanager.googleapis.com/Folder", ancestors, Bindings(12, 4, Group, roleNames));
            }

            for (var p = 0; p < projectList.Length; p++)
            {
                var project = projectList[p];
                var ancestors = AncestorsOf(p);
                var projectMember = () => Member(p);
                List<(string, List<string>, string?)> entries =
                [
                    ("roles/owner", [User()], null),
                    ("roles/editor", [$"serviceAccount:{project.Number}-compute@developer.gserviceaccount.com", $"serviceAccount:{project.Number}@cloudservices.gserviceaccount.com"], null),
                    .. Bindings(9, 4, projectMember, roleNames),
                ];
                Policy($"//cloudresourcemanager.googleapis.com/projects/{project.Number}", "cloudresourcemanager.googleapis.com/Project", ancestors, entries);
                for (var s = 0; s < serviceAccountsPerProject; s += 5)
                {
                    Policy($"//iam.googleapis.com/projects/{project.Id}/serviceAccounts/{UniqueId(p, s)}", "iam.googleapis.com/ServiceAccount", ancestors,
                        Bindings(2, 3, projectMember, ["roles/iam.serviceAccountTokenCreator", "roles/iam.serviceAccountUser", "roles/iam.serviceAccountKeyAdmin", "roles/iam.workloadIdentityUser"]));
                }

                Policy($"//storage.googleapis.com/{project.Id}-data", "storage.googleapis.com/Bucket", ancestors,
                    [("roles/storage.legacyBucketOwner", [$"projectOwner:{project.Id}"], null), .. Bindings(4, 4, projectMember, ["roles/storage.objectViewer", "roles/storage.objectAdmin", "roles/storage.admin"]),
                     .. p % 250 == 0 ? new List<(string, List<string>, string?)> { ("roles/storage.objectViewer", ["allUsers"], null) } : []]);
            }
        }

        // Roles: predefined (one list), the organization's custom roles, and one project in ten with its own.
        var roles = Path.Combine(directory, "roles");
        Directory.CreateDirectory(Path.Combine(roles, "projects"));
        WriteArray(Path.Combine(roles, "predefined.json"), json =>
        {
            foreach (var role in predefined)
            {
                Role(json, role.Name, role.Permissions, deleted: false);
            }
        });
        WriteArray(Path.Combine(roles, "organization.json"), json =>
        {
            for (var i = 0; i < 30; i++)
            {
                Role(json, $"organizations/{OrganizationId}/roles/custom{i:D2}", Pick(all, 5 + random.Next(60), random), deleted: i == 29);
            }
        });
        for (var p = 0; p < projectList.Length; p += 10)
        {
            WriteArray(Path.Combine(roles, "projects", projectList[p].Id + ".json"), json =>
            {
                Role(json, $"projects/{projectList[p].Id}/roles/deployer", Pick(all, 10 + random.Next(30), random), deleted: false);
            });
        }

        // Service accounts per project, and a user-managed key for one account in five.
        var accounts = Path.Combine(directory, "service-accounts");
        Directory.CreateDirectory(accounts);
        for (var p = 0; p < projectList.Length; p++)
        {
            var project = projectList[p];
            WriteArray(Path.Combine(accounts, project.Id + ".json"), json =>
            {
                for (var s = 0; s < serviceAccountsPerProject; s++)
                {
                    var email = ServiceAccount(p, s);
                    json.WriteStartObject();
                    json.WriteString("displayName", $"Service account {s}");
                    if (s == serviceAccountsPerProject - 1 && p % 7 == 0)
                    {
                        json.WriteBoolean("disabled", true);
                    }

                    json.WriteString("email", email);
                    json.WriteString("etag", "MDEwMjE5MjA=");
                    json.WriteString("name", $"projects/{project.Id}/serviceAccounts/{email}");
                    json.WriteString("oauth2ClientId", UniqueId(p, s));
                    json.WriteString("projectId", project.Id);
                    json.WriteString("uniqueId", UniqueId(p, s));
                    json.WriteEndObject();
                }
            });

            for (var s = 0; s < serviceAccountsPerProject; s += 5)
            {
                var email = ServiceAccount(p, s);
                var created = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-random.Next(1, 900));
                var keyId = $"{p:x8}{s:x4}{random.Next():x8}{random.Next():x8}";
                Directory.CreateDirectory(Path.Combine(directory, "keys", project.Id));
                WriteArray(Path.Combine(directory, "keys", project.Id, email + ".json"), json =>
                {
                    json.WriteStartObject();
                    json.WriteString("keyAlgorithm", "KEY_ALG_RSA_2048");
                    json.WriteString("keyOrigin", "GOOGLE_PROVIDED");
                    json.WriteString("keyType", "USER_MANAGED");
                    json.WriteString("name", $"projects/{project.Id}/serviceAccounts/{email}/keys/{keyId}");
                    json.WriteString("validAfterTime", created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    json.WriteString("validBeforeTime", "9999-12-31T23:59:59Z");
                    json.WriteEndObject();
                });
            }
        }

        // Groups and their direct members (users, service accounts, one group in twenty nesting another).
        var memberships = Path.Combine(directory, "groups", "memberships");
        Directory.CreateDirectory(memberships);
        WriteArray(Path.Combine(directory, "groups", "groups.json"), json =>
        {
            for (var g = 0; g < groups; g++)
            {
                json.WriteStartObject();
                json.WriteString("displayName", $"Team {g:D4}");
                json.WriteStartObject("groupKey");
                json.WriteString("id", $"team{g:D4}@{Domain}");
                json.WriteEndObject();
                json.WriteString("name", $"groups/0{g:D4}synthetic");
                json.WriteString("parent", "customers/C0synth42");
                json.WriteEndObject();
            }
        });
        for (var g = 0; g < groups; g++)
        {
            var size = 3 + random.Next(25);
            WriteArray(Path.Combine(memberships, $"team{g:D4}@{Domain}.json"), json =>
            {
                for (var m = 0; m < size; m++)
                {
                    var serviceAccount = m % 8 == 7;
                    var key = serviceAccount ? ServiceAccount(random.Next(projects), random.Next(serviceAccountsPerProject)) : $"user{random.Next(users):D5}@{Domain}";
                    Membership(json, g, m, key, serviceAccount ? "SERVICE_ACCOUNT" : "USER");
                }

                if (g % 20 == 0 && g + 1 < groups)
                {
                    Membership(json, g, size, $"team{g + 1:D4}@{Domain}", "GROUP");
                }
            });
        }

        // One deny policy at the organization: contractors may not change allow policies.
        Directory.CreateDirectory(Path.Combine(directory, "deny-policies"));
        File.WriteAllText(Path.Combine(directory, "deny-policies", $"organizations-{OrganizationId}.json"), $$"""
            [
              {
                "displayName": "Contractors never change allow policies",
                "etag": "MTc=",
                "kind": "DenyPolicy",
                "name": "policies/cloudresourcemanager.googleapis.com%2Forganizations%2F{{OrganizationId}}/denypolicies/contractor-guardrail",
                "rules": [
                  {
                    "denyRule": {
                      "deniedPermissions": [
                        "cloudresourcemanager.googleapis.com/projects.setIamPolicy",
                        "iam.googleapis.com/serviceAccounts.setIamPolicy"
                      ],
                      "deniedPrincipals": ["principal://goog/subject/contractor000@partner.example"]
                    }
                  }
                ],
                "uid": "6f1d3c2a-0000-4000-8000-000000000001"
              }
            ]
            """);
        return bindings;
    }

    private static string UniqueId(int project, int index) => (104000000000000000000m + (project * 100) + index).ToString(CultureInfo.InvariantCulture);

    private static List<(string Name, string[] Permissions)> PredefinedRoles(string[] all, Random random)
    {
        // Real role names with the permissions the analyses look for, padded to realistic sizes.
        string[] Padded(int size, params string[] sensitive) => [.. sensitive.Concat(Pick(all.Except(SensitivePermissions, StringComparer.Ordinal).ToArray(), size, random)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var roles = new List<(string, string[])>
        {
            ("roles/owner", [.. all]),
            ("roles/editor", Padded(all.Length * 9 / 10, [.. SensitivePermissions.Where(p => !p.EndsWith("setIamPolicy", StringComparison.Ordinal) && p != "iam.serviceAccountKeys.create" && p != "iam.serviceAccounts.getAccessToken" && p != "iam.serviceAccounts.signBlob" && p != "iam.serviceAccounts.signJwt" && p != "iam.serviceAccounts.implicitDelegation")])),
            ("roles/viewer", [.. all.Where(p => p.EndsWith(".get", StringComparison.Ordinal) || p.EndsWith(".list", StringComparison.Ordinal))]),
            ("roles/browser", ["resourcemanager.folders.get", "resourcemanager.folders.list", "resourcemanager.projects.get", "resourcemanager.projects.list", "resourcemanager.organizations.get"]),
            ("roles/resourcemanager.organizationAdmin", Padded(40, "resourcemanager.organizations.setIamPolicy", "resourcemanager.folders.setIamPolicy", "resourcemanager.projects.setIamPolicy")),
            ("roles/resourcemanager.projectIamAdmin", ["resourcemanager.projects.get", "resourcemanager.projects.getIamPolicy", "resourcemanager.projects.setIamPolicy"]),
            ("roles/iam.serviceAccountTokenCreator", ["iam.serviceAccounts.get", "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.getOpenIdToken", "iam.serviceAccounts.implicitDelegation", "iam.serviceAccounts.list", "iam.serviceAccounts.signBlob", "iam.serviceAccounts.signJwt"]),
            ("roles/iam.serviceAccountUser", ["iam.serviceAccounts.actAs", "iam.serviceAccounts.get", "iam.serviceAccounts.list"]),
            ("roles/iam.serviceAccountKeyAdmin", ["iam.serviceAccountKeys.create", "iam.serviceAccountKeys.delete", "iam.serviceAccountKeys.get", "iam.serviceAccountKeys.list"]),
            ("roles/iam.workloadIdentityUser", ["iam.serviceAccounts.get", "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.getOpenIdToken", "iam.serviceAccounts.list"]),
            ("roles/iam.securityAdmin", Padded(60, "resourcemanager.projects.setIamPolicy", "iam.serviceAccounts.setIamPolicy")),
            ("roles/iam.roleAdmin", ["iam.roles.create", "iam.roles.delete", "iam.roles.get", "iam.roles.list", "iam.roles.undelete", "iam.roles.update"]),
            ("roles/compute.admin", Padded(400, "compute.instances.create", "compute.disks.create", "compute.instances.setMetadata", "compute.instances.setServiceAccount", "compute.subnetworks.use", "compute.instances.stop", "compute.instances.start")),
            ("roles/compute.instanceAdmin.v1", Padded(200, "compute.instances.create", "compute.disks.create", "compute.instances.setMetadata", "compute.instances.setServiceAccount", "compute.subnetworks.use")),
            ("roles/cloudfunctions.developer", Padded(30, "cloudfunctions.functions.create", "cloudfunctions.functions.update", "cloudfunctions.functions.sourceCodeSet")),
            ("roles/run.admin", Padded(40, "run.services.create", "run.services.update")),
            ("roles/run.developer", Padded(30, "run.services.create", "run.services.update")),
            ("roles/cloudbuild.builds.editor", Padded(15, "cloudbuild.builds.create")),
            ("roles/cloudscheduler.admin", Padded(15, "cloudscheduler.jobs.create")),
            ("roles/storage.admin", Padded(40)),
            ("roles/storage.objectAdmin", Padded(12)),
            ("roles/storage.objectViewer", Padded(4)),
            ("roles/storage.legacyBucketOwner", Padded(10)),
        };
        foreach (var service in Services)
        {
            roles.Add(($"roles/{service}.viewer", Padded(10 + random.Next(80))));
            roles.Add(($"roles/{service}.admin", Padded(50 + random.Next(300))));
        }

        return roles;
    }

    private static string[] Pick(string[] from, int count, Random random) =>
        [.. Enumerable.Range(0, Math.Min(count, from.Length)).Select(_ => from[random.Next(from.Length)]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static void Asset(Utf8JsonWriter json, string name, string type, string[] ancestors)
    {
        json.WriteString("name", name);
        json.WriteString("asset_type", type);
        json.WriteStartArray("ancestors");
        foreach (var ancestor in ancestors)
        {
            json.WriteStringValue(ancestor);
        }

        json.WriteEndArray();
        json.WriteString("update_time", Updated);
    }

    private static void Role(Utf8JsonWriter json, string name, string[] permissions, bool deleted)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("title", name[(name.LastIndexOf('/') + 1)..]);
        json.WriteStartArray("includedPermissions");
        foreach (var permission in permissions)
        {
            json.WriteStringValue(permission);
        }

        json.WriteEndArray();
        json.WriteString("stage", "GA");
        if (deleted)
        {
            json.WriteBoolean("deleted", true);
        }

        json.WriteString("etag", "AA==");
        json.WriteEndObject();
    }

    private static void Membership(Utf8JsonWriter json, int group, int index, string key, string type)
    {
        json.WriteStartObject();
        json.WriteString("name", $"groups/0{group:D4}synthetic/memberships/{105000000000000000000m + (group * 1000) + index}");
        json.WriteStartObject("preferredMemberKey");
        json.WriteString("id", key);
        json.WriteEndObject();
        json.WriteStartArray("roles");
        json.WriteStartObject();
        json.WriteString("name", "MEMBER");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteString("type", type);
        json.WriteEndObject();
    }

    private static void WriteLine(StreamWriter writer, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static void WriteArray(string path, Action<Utf8JsonWriter> write)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        write(json);
        json.WriteEndArray();
    }
}
