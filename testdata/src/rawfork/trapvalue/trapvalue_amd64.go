package trapvalue

import "golang.org/x/sys/unix"

func init() {
	sysSpawn = unix.SYS_VFORK
}
