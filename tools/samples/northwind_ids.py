"""Fixed ids of the Northwind Microsoft sample: UUIDs derived from names, so every run writes the same files."""
import uuid
NS = uuid.UUID('6b0f3a1e-9d24-4c57-8e31-2f4a7c9d1b60')
def gid(name): return str(uuid.UUID(bytes=uuid.uuid5(NS, name).bytes, version=4))
TENANT = gid('tenant')
DOMAIN = 'northwindtraders.com'
INIT = 'northwindtraders.onmicrosoft.com'
SUBS = {'nw-prod': gid('sub-prod'), 'nw-dev': gid('sub-dev'), 'nw-platform': gid('sub-platform')}
USERS = {  # key: (displayName, upn local, userType)
 'ada': ('Ada Okafor', 'ada.okafor', 'Member'),
 'ben': ('Ben Carter', 'ben.carter', 'Member'),
 'chen': ('Chen Wei', 'chen.wei', 'Member'),
 'dana': ('Dana Ruiz', 'dana.ruiz', 'Member'),
 'eve': ('Eve Lindqvist', 'eve.lindqvist', 'Member'),
 'frank': ('Frank Osei', 'frank.osei', 'Member'),
 'gus': ('Gus Mensah', 'gus.mensah', 'Member'),
 'hana': ('Hana Sato', 'hana.sato', 'Member'),
 'ivan': ('Ivan Petrov', 'ivan.petrov', 'Member'),
 'jo': ('Jo Martin', 'jo.martin', 'Member'),
 'kim': ('Kim Larsen', 'kim.larsen', 'Member'),
 'partner': ('Priya Natarajan (Contoso)', 'priya_contoso.com#EXT#', 'Guest'),
 'breakglass': ('Break Glass 01', 'breakglass01', 'Member'),
 'lena': ('Lena Vogel', 'lena.vogel', 'Member'),
 'marco': ('Marco Bianchi', 'marco.bianchi', 'Member'),
}
def uid(k): return gid('user-'+k)

# Certificate thumbprints (SHA-1, hex): the applications' key credentials and the key vault certificates that hold them.
SYNC_CERT = '5C4B3E2F1A0D9C8B7A6F5E4D3C2B1A0F9E8D7C6B'
PROVISIONING_CERT = '7E1D2C3B4A59687706F5E4D3C2B1A09F8E7D6C5B'
def upn(k):
    d,l,t = USERS[k]
    return f'{l}@{INIT}' if t=='Guest' or k=='breakglass' else f'{l}@{DOMAIN}'

# Privileged-access seeds: a Tier 1 Exchange Administrator, a user eligible for SharePoint Administrator and holding
# Conditional Access Administrator until next week, and a guest who holds nothing (the trap of entra-guest-privileged).
USERS.update({
 'olivia': ('Olivia Brandt', 'olivia.brandt', 'Member'),
 'sam': ('Sam Okoro', 'sam.okoro', 'Member'),
 'tomas': ('Tomás Reyes (Fabrikam)', 'tomas_fabrikam.com#EXT#', 'Guest'),
})

# Holders of the seeded risks that once sat with the traps' principals: a tenant-wide Groups Administrator (eve.lindqvist's
# Groups Administrator role is scoped to an administrative unit) and the network engineer in Network Admins (gus.mensah,
# the Cloud Application Administrator trap, is no longer a member), so that the traps' principals hold no other route.
USERS.update({
 'nina': ('Nina Kowalski', 'nina.kowalski', 'Member'),
 'omar': ('Omar Haddad', 'omar.haddad', 'Member'),
})
