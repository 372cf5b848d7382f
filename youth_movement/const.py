"""Names the models share. Plain Python."""

# the movement's staff: the lowest of its groups, implied by every higher one
STAFF = "youth_movement.youth_movement_group_school_leader"
# the movement's administrators: alone read a health card outside an event, with a logged reason
ADMIN = "youth_movement.youth_movement_group_admin"
