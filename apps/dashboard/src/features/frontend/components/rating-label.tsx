import { RATING_TEXT, type VitalRating } from '../model/web-vitals'
import styles from './frontend.module.css'

/** The class that colours a rated cell; the words come from RatingLabel, so the colour is never all there is. */
export const RATING_CLASS: Record<VitalRating, string> = {
  good: styles.good!,
  'needs-improvement': styles.needsImprovement!,
  poor: styles.poor!,
}

export function RatingLabel({ rating }: { rating: VitalRating }) {
  return (
    <span className={styles.ratingText} data-rating={rating}>
      {RATING_TEXT[rating]}
    </span>
  )
}
