'use client'

import { toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

/**
 * Runs a button's action in an admin component: `busy` while it runs (to disable the buttons), an
 * error toast with its message when it fails, and a refresh of the page's data when it succeeds.
 */
export const useAdminAction = (fallback: string) => {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true)
    try {
      await action()
      router.refresh()
    } catch (error) {
      toast.error(error instanceof Error ? error.message : fallback)
    } finally {
      setBusy(false)
    }
  }
  return { busy, run }
}
