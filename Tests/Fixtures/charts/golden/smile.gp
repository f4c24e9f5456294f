# Tape chart script (gnuplot 5.4)
set encoding utf8
set terminal pngcairo size 640,400 noenhanced background '#ffffff' font 'Sans,9'
set output './plots/golden.png'
set border lc rgb '#202020'
set tics textcolor rgb '#202020'
set key textcolor rgb '#202020'
set title textcolor rgb '#202020'
set xlabel textcolor rgb '#202020'
set ylabel textcolor rgb '#202020'
set y2label textcolor rgb '#202020'
set zlabel textcolor rgb '#202020'
set cblabel textcolor rgb '#202020'
set grid lc rgb '#dcdcdc' lw 1
set linetype 1 lc rgb '#1f77b4' lw 1.5 pt 7 ps 0.6
set linetype 2 lc rgb '#ff7f0e' lw 1.5 pt 7 ps 0.6
set linetype 3 lc rgb '#2ca02c' lw 1.5 pt 7 ps 0.6
set linetype 4 lc rgb '#d62728' lw 1.5 pt 7 ps 0.6
set linetype 5 lc rgb '#9467bd' lw 1.5 pt 7 ps 0.6
set linetype 6 lc rgb '#8c564b' lw 1.5 pt 7 ps 0.6
set linetype 7 lc rgb '#e377c2' lw 1.5 pt 7 ps 0.6
set linetype 8 lc rgb '#7f7f7f' lw 1.5 pt 7 ps 0.6
set linetype 9 lc rgb '#bcbd22' lw 1.5 pt 7 ps 0.6
set linetype 10 lc rgb '#17becf' lw 1.5 pt 7 ps 0.6
set key top left noopaque samplen 2
set title font ',11'
set datafile missing 'NaN'
set title 'implied volatility smile'
set xlabel 'strike'
set ylabel 'implied volatility (%)'
set key top right
set offsets 0, 0, graph 0.05, graph 0.05
set arrow 1 from 100, graph 0 to 100, graph 1 nohead dt 3 lc rgb '#202020'
set label 1 'spot 100' at 100, graph 0.96 offset 0.5, 0 tc rgb '#202020'
$d0 << EOD
70 47.890076524619005
75 39.50826774256508
80 32.802989955651555
85 27.504037985826415
90 23.395009085231877
95 20.300480031189593
100 18.076712328767123
105 16.604795097343167
110 15.78550619754746
115 15.535406308936578
120 15.78383206248416
125 16.470554355236647
130 17.54393536066371
EOD
$d1 << EOD
70 34.87567539524675
75 30.200525823248896
80 26.460500562503945
85 23.504886365386156
90 21.212979546052345
95 19.486933705742025
100 18.246575342465754
105 17.425579135866336
110 16.96860162077157
115 16.82910256781067
120 16.967667832847248
125 17.350703227297803
130 17.94940654761899
EOD
$d2 << EOD
70 30.25170009728252
75 26.945870131861454
80 24.301272908179715
85 22.211338066826492
90 20.590715213027867
95 19.370216494705602
100 18.493150684931507
105 17.912618699916624
110 17.589486800143337
115 17.490846073825583
120 17.58882651236986
125 17.859673437220312
130 18.283020614938327
EOD
$d3 << EOD
70 27.300851396253513
75 24.963276610254585
80 23.09326397988211
85 21.61545688132321
90 20.46950347165631
95 19.60648055150115
100 18.986301369863014
105 18.5758032665633
110 18.34731450901592
115 18.27756498253547
120 18.346847615053758
125 18.538365312279037
130 18.83771697243963
EOD
plot $d0 using 1:2 with linespoints lc rgb '#1f77b4' pt 7 ps 0.5 title '14d', \
     $d1 using 1:2 with linespoints lc rgb '#ff7f0e' pt 7 ps 0.5 title '45d', \
     $d2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.5 title '90d', \
     $d3 using 1:2 with linespoints lc rgb '#d62728' pt 7 ps 0.5 title '180d'
set output
