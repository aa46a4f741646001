package nl.ireserve.saltoks.internal;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.net.URI;
import nl.ireserve.saltoks.internal.Operation.Call;

/**
 * Users, guests, PIN codes, roles, the subscription and access groups (salto-ks-api.md §4.5, §4.6),
 * relative to the client's versioned base URL. Writes are commands: never re-sent once they may have
 * arrived; the guest access flow finds what a lost answer created by its name.
 */
@Headers({"Accept: application/json", "Content-Type: application/json"})
interface GuestApi {
  @Call("GET …/sites/{id}/users (list users)")
  @RequestLine("GET /sites/{siteId}/users")
  Dto.Page<Dto.SiteUser> listUsers(@Param("siteId") String siteId);

  @Call("GET …/sites/{id}/users (list users)")
  @RequestLine("GET")
  Dto.Page<Dto.SiteUser> usersPage(URI next);

  @Call("GET …/sites/{id}/users/{user} (read user)")
  @RequestLine("GET /sites/{siteId}/users/{userId}")
  Dto.SiteUser getUser(@Param("siteId") String siteId, @Param("userId") String siteUserId);

  @Call(value = "POST …/sites/{id}/guests (create guest)", command = true,
      unknownOutcomeAdvice = "The guest may have been created: list the site's users and look for its alias.")
  @RequestLine("POST /sites/{siteId}/guests")
  Dto.SiteUser createGuest(@Param("siteId") String siteId, Dto.NewGuest body);

  @Call(value = "PATCH …/sites/{id}/users/{user} (change user)", command = true,
      unknownOutcomeAdvice = "Read the user to see whether the change took effect.")
  @RequestLine("PATCH /sites/{siteId}/users/{userId}")
  Dto.SiteUser patchUser(@Param("siteId") String siteId, @Param("userId") String siteUserId, Dto.UserPatch body);

  @Call(value = "DELETE …/sites/{id}/users/{user} (delete user)", command = true,
      unknownOutcomeAdvice = "Read the user: a 404 means it is gone and its seat is free.")
  @RequestLine("DELETE /sites/{siteId}/users/{userId}")
  void deleteUser(@Param("siteId") String siteId, @Param("userId") String siteUserId);

  @Call(value = "PUT …/sites/{id}/users/{user}/pin (generate PIN)", command = true,
      unknownOutcomeAdvice = "A PIN may have been generated (each call rotates it): generate one again.")
  @RequestLine("PUT /sites/{siteId}/users/{userId}/pin")
  String generatePin(@Param("siteId") String siteId, @Param("userId") String siteUserId, Dto.PinRequest body);

  @Call("GET …/sites/{id}/roles (list roles)")
  @RequestLine("GET /sites/{siteId}/roles")
  Dto.Page<Dto.Role> listRoles(@Param("siteId") String siteId);

  @Call("GET …/sites/{id}/subscription (read subscription)")
  @RequestLine("GET /sites/{siteId}/subscription")
  Dto.Subscription subscription(@Param("siteId") String siteId);

  @Call("GET …/sites/{id}/access_groups (list access groups)")
  @RequestLine("GET /sites/{siteId}/access_groups")
  Dto.Page<Dto.AccessGroup> listGroups(@Param("siteId") String siteId);

  @Call("GET …/sites/{id}/access_groups (list access groups)")
  @RequestLine("GET")
  Dto.Page<Dto.AccessGroup> groupsPage(URI next);

  @Call(value = "POST …/sites/{id}/access_groups (create access group)", command = true,
      unknownOutcomeAdvice = "The group may have been created: list the access groups and look for its name.")
  @RequestLine("POST /sites/{siteId}/access_groups")
  Dto.AccessGroup createGroup(@Param("siteId") String siteId, Dto.NewGroup body);

  @Call(value = "DELETE …/sites/{id}/access_groups/{ag} (delete access group)", command = true,
      unknownOutcomeAdvice = "List the access groups to see whether it is gone.")
  @RequestLine("DELETE /sites/{siteId}/access_groups/{groupId}")
  void deleteGroup(@Param("siteId") String siteId, @Param("groupId") String groupId);

  @Call("GET …/access_groups/{ag}/locks (list a group's locks)")
  @RequestLine("GET /sites/{siteId}/access_groups/{groupId}/locks")
  Dto.Page<Dto.GroupLock> groupLocks(@Param("siteId") String siteId, @Param("groupId") String groupId);

  @Call(value = "POST …/access_groups/{ag}/locks (add a lock to a group)", command = true,
      unknownOutcomeAdvice = "List the group's locks to see whether it was added.")
  @RequestLine("POST /sites/{siteId}/access_groups/{groupId}/locks")
  void addGroupLock(@Param("siteId") String siteId, @Param("groupId") String groupId, Dto.LockRef body);

  @Call(value = "DELETE …/access_groups/{ag}/locks/{lock} (remove a lock from a group)", command = true,
      unknownOutcomeAdvice = "List the group's locks to see whether it was removed.")
  @RequestLine("DELETE /sites/{siteId}/access_groups/{groupId}/locks/{lockId}")
  void removeGroupLock(@Param("siteId") String siteId, @Param("groupId") String groupId,
      @Param("lockId") String lockId);

  @Call("GET …/access_groups/{ag}/users (list a group's users)")
  @RequestLine("GET /sites/{siteId}/access_groups/{groupId}/users")
  Dto.Page<Dto.GroupUser> groupUsers(@Param("siteId") String siteId, @Param("groupId") String groupId);

  @Call(value = "POST …/access_groups/{ag}/users (add a user to a group)", command = true,
      unknownOutcomeAdvice = "List the group's users to see whether it was added.")
  @RequestLine("POST /sites/{siteId}/access_groups/{groupId}/users")
  void addGroupUser(@Param("siteId") String siteId, @Param("groupId") String groupId, Dto.UserRef body);

  @Call(value = "DELETE …/access_groups/{ag}/users/{user} (remove a user from a group)", command = true,
      unknownOutcomeAdvice = "List the group's users to see whether it was removed.")
  @RequestLine("DELETE /sites/{siteId}/access_groups/{groupId}/users/{userId}")
  void removeGroupUser(@Param("siteId") String siteId, @Param("groupId") String groupId,
      @Param("userId") String userId);
}
