import { useQuery } from '@tanstack/react-query'
import { userProfileQuery } from '../../api/queries.js'
import { ActivityList, QueryState } from '../../components/activity-list.js'

/** A user's page (`/users/:handle`): who they are and what they posted. */
export function ProfilePage({ handle }: { handle: string }) {
  const profile = useQuery(userProfileQuery(handle))
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">{profile.data ? profile.data.profile.displayName : `@${handle}`}</h2>
      <QueryState isPending={profile.isPending} error={profile.error} />
      {profile.data && (
        <>
          <p>
            <span className="handle">@{profile.data.profile.handle}</span> · {profile.data.profile.bio}
          </p>
          <ActivityList activities={profile.data.activities} />
        </>
      )}
    </section>
  )
}
